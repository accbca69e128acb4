// PLACEHOLDER
#include "templates/templates.h"
namespace xxgknb { Mapping map_template(const Document&, const Layout&, const Segments&) { return {}; } }
