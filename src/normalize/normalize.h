// Stage 2, normalize: ICU text folding for matching. Raw text is never changed; folded and
// key forms are written beside it.
#pragma once

#include <string>
#include <string_view>

#include "util/deadline.h"
#include "xxgknb/document.h"

namespace xxgknb {

// NFKC (full-width → ASCII digits and punctuation), traditional → simplified, bracket,
// quote and separator variants unified, zero-width characters dropped, every run of
// whitespace (including U+3000 and NBSP) collapsed to one ASCII space and trimmed.
std::string fold(std::string_view raw);

// fold() without any whitespace and without optional quotes: the form labels are matched in
// ("自 然 人" → "自然人", "危及“三安全一稳定”" → "危及三安全一稳定").
std::string label_key(std::string_view raw);

// Fills folded and key of every paragraph and cell (numbering is prefixed for paragraphs).
// Stops early, leaving the rest unfolded, once `deadline` has expired; the pipeline then
// refuses the input with time_limit.
void normalize(Document& document, const Deadline& deadline = Deadline::none());

}  // namespace xxgknb
