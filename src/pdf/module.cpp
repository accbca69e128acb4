// PDF component: the entry point of the module build (xxgknb_pdf.so) that the CLI loads with
// dlopen on its first PDF (tools/cli/pdf_module.cpp). Programs that link xxgknb_pdf call
// enable_pdf() themselves and never need it.
#include "xxgknb/pdf.h"

extern "C" __attribute__((visibility("default"))) void xxgknb_pdf_module_enable() {
  xxgknb::enable_pdf();
}
