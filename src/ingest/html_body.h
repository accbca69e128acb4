// Stage 1, ingest (HTML): a parsed page → Document. Finds the article among the site's
// chrome, reads its paragraphs and tables (spans through GridBuilder, as for .docx), and
// collects what the page says about itself (发布机构, 成文日期, 索引号, <meta
// name="ArticleTitle">, …) as Document::page_fields.
#pragma once

#include <optional>
#include <string_view>

#include "ingest/html_tree.h"
#include "util/deadline.h"
#include "xxgknb/document.h"
#include "xxgknb/options.h"
#include "xxgknb/report.h"

namespace xxgknb::html {

// The node the article is read from: see html_body.cpp for the criteria.
std::int32_t find_article(const Tree& tree);

// Appends the article's blocks and the page's fields to `doc`. Errors that stop reading:
// "too_many_paragraphs", "table_too_large", "too_many_cells", "time_limit".
std::optional<Error> read_page(const Tree& tree, const Limits& limits, const Deadline& deadline,
                               Document& doc);

}  // namespace xxgknb::html
