// Stage 1, ingest (.docx): paragraph styles (styles.xml) and automatic numbering
// (numbering.xml) — what puts "一、" before a heading that has no such text of its own.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xxgknb::docx {

// The numbering and outline level a paragraph takes from its style (after w:basedOn).
struct StyleProps {
  int num_id = -1;         // -1: not set by the style chain
  int ilvl = -1;
  int outline_level = -1;  // 0-based w:outlineLvl (0 = "heading 1"); -1 none
};

class Styles {
 public:
  // Parses styles.xml; false with `problem` set when it is not well-formed XML.
  bool load(std::string_view xml, std::string& problem);
  // A paragraph style's properties through its w:basedOn chain; an empty id means the
  // default paragraph style.
  StyleProps resolve(std::string_view style_id) const;

 private:
  struct Style {
    std::optional<int> num_id, ilvl, outline_level;
    std::string based_on;
  };
  std::map<std::string, Style, std::less<>> styles_;
  std::string default_id_;
};

// A number in a w:numFmt ("decimal", "chineseCounting", "decimalEnclosedCircle", …);
// formats we do not know fall back to decimal.
std::string format_number(int value, std::string_view num_fmt);

class Numbering {
 public:
  // Parses numbering.xml; false with `problem` set when it is not well-formed XML.
  bool load(std::string_view xml, std::string& problem);
  // The text numbering puts before a paragraph at (num_id, ilvl), advancing the counters
  // in document order; empty when the numbering is not defined or shows nothing.
  std::string next(int num_id, int ilvl);

 private:
  struct Level {
    bool defined = false;
    int start = 1;
    std::string num_fmt = "decimal";
    std::string lvl_text;
    bool legal = false;  // w:isLgl: every level shown as decimal
  };
  using Levels = std::array<Level, 9>;
  struct Num {
    int abstract_id = -1;
    std::array<std::optional<int>, 9> start_override;
    std::array<Level, 9> level_override;  // defined=false when not overridden
  };
  // Counters belong to the abstract list, shared by every w:num that uses it (as in Word);
  // a w:num with w:startOverride restarts its level the first time it is used.
  struct Counter {
    std::array<int, 9> value{};
    std::array<bool, 9> started{};
  };
  const Level* level(const Num& num, int ilvl) const;

  std::map<int, Levels> abstracts_;
  std::map<int, Num> nums_;
  std::map<int, Counter> counters_;                 // by abstract id
  std::map<std::pair<int, int>, bool> overridden_;  // (num id, ilvl) override applied
};

}  // namespace xxgknb::docx
