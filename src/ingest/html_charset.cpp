// Stage 1, ingest (HTML): finds a page's charset and decodes it. The criteria, in the order
// decode_page combines them:
//   has_bom        a BOM names the encoding, whatever the markup says (as browsers do);
//   utf16_zeros    no BOM, but zero bytes on one side of nearly every code unit: UTF-16
//                  markup ("<\0m\0e\0t\0a\0"), decoded in that byte order;
//   proven_utf8    bytes that are valid UTF-8 and not all ASCII are UTF-8: GBK text almost
//                  never is, while UTF-8 Chinese is also valid GBK, so "GBK" declared over
//                  UTF-8 bytes would decode to garbage without an error;
//   declared_ok    the declared charset decodes every byte;
//   detected       otherwise ICU's detector on the text between the tags, choosing among
//                  the ASCII-compatible charsets only (detect_markup_encoding).
// A declaration the bytes contradict is reported (charset_mismatch), never silently kept.
#include "ingest/html_charset.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace xxgknb::html {
namespace {

// Browsers look for the declaration in the first 1024 bytes; pages of Chinese sites put long
// comments and scripts first, so we look further.
constexpr std::size_t kPrescanBytes = 16384;

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == ':' || c == '.';
}

bool has_bom(std::string_view bytes) {
  constexpr std::array<std::string_view, 4> kBoms = {
      std::string_view("\xEF\xBB\xBF", 3), std::string_view("\xFF\xFE", 2),
      std::string_view("\xFE\xFF", 2), std::string_view("\x00\x00\xFE\xFF", 4)};
  return std::any_of(kBoms.begin(), kBoms.end(),
                     [&](std::string_view b) { return bytes.substr(0, b.size()) == b; });
}

// The first bytes looked at for UTF-16's zero bytes; most of a page's first kilobytes are
// ASCII markup.
constexpr std::size_t kHtmlUtf16SniffBytes = 4096;
// Share of code units with a zero byte on the ASCII side, and at most on the other side.
constexpr std::size_t kMinZeroSidePercent = 60;
constexpr std::size_t kMaxOtherSidePercent = 5;

bool is_utf16_label(std::string_view label) {
  return label == "utf-16" || label == "utf-16le" || label == "utf-16be" || label == "unicode" ||
         label == "ucs-2" || label == "csunicode" || label == "iso-10646-ucs-2";
}

bool all_ascii(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string declared_charset(std::string_view bytes, std::int64_t* at) {
  std::string head(bytes.substr(0, kPrescanBytes));
  std::transform(head.begin(), head.end(), head.begin(), lower_ascii);
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t close = head.find('>', pos);
    const std::string_view tag =
        std::string_view(head).substr(pos, close == std::string::npos ? std::string::npos
                                                                      : close - pos);
    // <meta charset="gb2312">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">
    std::size_t c = tag.find("charset");
    while (c != std::string_view::npos) {
      std::size_t v = c + 7;
      while (v < tag.size() && (tag[v] == ' ' || tag[v] == '\t' || tag[v] == '\n')) ++v;
      if (v < tag.size() && tag[v] == '=') {
        ++v;
        while (v < tag.size() && (tag[v] == ' ' || tag[v] == '"' || tag[v] == '\'')) ++v;
        std::size_t e = v;
        while (e < tag.size() && is_label_char(tag[e])) ++e;
        if (e > v) {
          if (at != nullptr) *at = static_cast<std::int64_t>(pos);
          return std::string(tag.substr(v, e - v));
        }
      }
      c = tag.find("charset", c + 7);
    }
    pos += 5;
  }
  return {};
}

std::string converter_for(const std::string& label) {
  static constexpr std::array<std::string_view, 9> kGb = {
      "gb2312", "gbk", "x-gbk", "gb18030", "cp936", "windows-936", "euc-cn", "gb_2312-80",
      "csgb2312"};
  static constexpr std::array<std::string_view, 5> kBig5 = {"big5", "big5-hkscs", "x-x-big5",
                                                             "cp950", "csbig5"};
  if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8") return "UTF-8";
  if (std::find(kGb.begin(), kGb.end(), label) != kGb.end()) return "GB18030";
  if (std::find(kBig5.begin(), kBig5.end(), label) != kBig5.end()) return "Big5";
  return {};
}

std::string utf16_order(std::string_view bytes) {
  if (bytes.substr(0, 2) == "\xFF\xFE" && bytes.substr(0, 4) != std::string_view("\xFF\xFE\0\0", 4)) {
    return "UTF-16LE";
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") return "UTF-16BE";
  const std::string_view sample = bytes.substr(0, kHtmlUtf16SniffBytes);
  const std::size_t units = sample.size() / 2;
  if (units < 4) return {};
  std::size_t zero_high = 0;  // "<\0": little-endian ASCII
  std::size_t zero_low = 0;   // "\0<": big-endian ASCII
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    zero_high += static_cast<std::size_t>(sample[i + 1] == '\0' && sample[i] != '\0');
    zero_low += static_cast<std::size_t>(sample[i] == '\0' && sample[i + 1] != '\0');
  }
  const auto share = [units](std::size_t n) { return n * 100 / units; };
  if (share(zero_high) >= kMinZeroSidePercent && share(zero_low) <= kMaxOtherSidePercent) {
    return "UTF-16LE";
  }
  if (share(zero_low) >= kMinZeroSidePercent && share(zero_high) <= kMaxOtherSidePercent) {
    return "UTF-16BE";
  }
  return {};
}

Result<PageCharset, Error> decode_page(std::string_view bytes) {
  PageCharset out;
  const std::string order = utf16_order(bytes);
  if (!order.empty()) {
    // UTF-16: the declaration can only be read once decoded; its offset is then one in the
    // decoded page, which the Document keeps.
    const bool bom = has_bom(bytes);
    auto decoded = bom ? decode_text(bytes) : decode_text_as(bytes, order);
    if (!decoded) return std::move(decoded).error();
    out.decoded = std::move(decoded).value();
    out.declared = declared_charset(out.decoded.utf8, &out.declared_at);
    const bool declared_utf16 = is_utf16_label(out.declared);
    out.mismatch = !out.declared.empty() && !declared_utf16;
    if (!bom) {
      out.decoded.basis = declared_utf16 ? EncodingBasis::Declared : EncodingBasis::NulPattern;
      out.decoded.confidence = declared_utf16 ? 1.0 : 0.9;
    }
    return out;
  }
  out.declared = declared_charset(bytes, &out.declared_at);
  const std::string declared = converter_for(out.declared);

  if (has_bom(bytes)) {
    auto decoded = decode_text(bytes);
    if (!decoded) return std::move(decoded).error();
    out.decoded = std::move(decoded).value();
    out.mismatch = !declared.empty() && declared != out.decoded.encoding;
    return out;
  }
  const bool ascii = all_ascii(bytes);
  if (!ascii || declared.empty() || declared == "UTF-8") {
    auto utf8 = decode_text_as(bytes, "UTF-8");
    const bool proven_utf8 = utf8.ok() && !ascii;
    if (proven_utf8 || (ascii && utf8.ok())) {
      out.decoded = std::move(utf8).value();
      out.decoded.basis = declared == "UTF-8" ? EncodingBasis::Declared : EncodingBasis::ValidUtf8;
      out.mismatch = !ascii && !declared.empty() && declared != "UTF-8";
      return out;
    }
  }
  if (!declared.empty() && declared != "UTF-8") {
    auto decoded = decode_text_as(bytes, declared);
    if (decoded) {
      out.decoded = std::move(decoded).value();
      return out;
    }
  }
  // Declared nothing we act on, or declared what the bytes are not.
  auto decoded = detect_markup_encoding(bytes);
  if (!decoded) return std::move(decoded).error();
  out.decoded = std::move(decoded).value();
  out.mismatch = !declared.empty() && declared != out.decoded.encoding;
  return out;
}

}  // namespace xxgknb::html
