// Stage 1, ingest (legacy Word): .doc and WPS .wps files — OLE2 compound files holding a
// "WordDocument" stream — read through the text a converter on PATH prints (catdoc, or
// antiword), then through the plain-text reader like any flattened text.
#pragma once

#include <string_view>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"
#include "xxgknb/result.h"

namespace xxgknb {

// What an OLE2 compound file holds, told by the stream names in its directory.
enum class CompoundKind { WordDocument, EncryptedPackage, Workbook, Presentation, Other };

CompoundKind compound_kind(std::string_view bytes);

// `bytes` starts with the OLE2 signature. Errors: converter_missing (neither catdoc nor
// antiword on PATH), converter_failed, zip_encrypted (a password-protected .docx),
// not_a_report_file (a workbook, a presentation, anything that is no Word document),
// time_limit, input_too_large (the text printed); then whatever the text reader says of the converter's text.
Result<Document, Error> read_legacy_word(std::string_view bytes, const Limits& limits,
                                         const Deadline& deadline);

}  // namespace xxgknb
