// Stage 5, meta: the division table built into the library, from the parts the build's code
// generator (tools/divisions_codegen.cpp) parsed and indexed out of src/meta/data/divisions.inc;
// copying them costs a fraction of what parsing the text cost every process.
#include <cstdint>
#include <string_view>

#include "meta/divisions.h"

namespace xxgknb {
namespace {

#include "meta/divisions_compiled.inc"

}  // namespace

const DivisionTable& DivisionTable::builtin() {
  static const DivisionTable table(Compiled{kCompiledVersion, kCompiledSnapshots,
                                            kCompiledEntries, kCompiledFirstNamed,
                                            kCompiledNextNamed});
  return table;
}

}  // namespace xxgknb
