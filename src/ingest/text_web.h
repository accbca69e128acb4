// Stage 1, ingest (text): the text a web crawler keeps of a page — a header of "标题: …"
// lines, a "==== 正文 ====" rule, and the body collapsed onto one line with every table cell
// glued to the next ("规章000行政规范性文件5845546").
#pragma once

#include <optional>
#include <string_view>

#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb {

// The text opens with a crawler's header: a first line "标题: …" (or "标题：…") and, within
// the next few lines, a rule of "=" around "正文".
bool is_crawler_dump(std::string_view text);

// Reads a crawler dump into `doc` (whose text is set): the title line as a paragraph, the
// other header lines as Document::properties, and each body line cut into sentences and
// headings, with the glued stretches of the statistics tables as tables of origin
// "glued_text" — one row per run of digits: the label before it, then the run as printed
// ("一、本年新收政府信息公开申请数量", "15130000154"). The run is not split here: which digits
// belong to which cell is the template's to say. Returns the Error that stops the input
// (limits, deadline), or nothing.
std::optional<Error> read_crawler_dump(Document& doc, const Limits& limits,
                                       const Deadline& deadline);

}  // namespace xxgknb
