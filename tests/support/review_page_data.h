// Test support: what a review page's cells share (its JSON block "cell-data", written by
// src/review/report_page.cpp), unpacked as the page's script unpacks it, so that stage tests
// can read a cell's name and source text from the page's markup.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace xxgknb::testing {

// The page's shared data, or null when the page has none.
nlohmann::json page_cell_data(const std::string& html);

// The words a cell's list of indices ("3 7 12", its data-n or data-c) names.
std::vector<std::string> page_words(const std::string& html, const std::string& list);

// A cell's source text {before, at, after} from its data-x, "text offset before at after" in
// UTF-16 units into the shared texts.
std::vector<std::string> page_context(const std::string& html, const std::string& x);

}  // namespace xxgknb::testing
