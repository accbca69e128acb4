#!/bin/sh
# Writes the HTML cases of corpus/html/ from the committed .docx cases: LibreOffice's HTML
# export of corpus/v2021-docx/filled and corpus/v2019-docx/filled (Word-processor HTML: runs
# split over <font>/<span>, rowspan/colspan tables), that export in GBK (declared gb2312, and
# declared utf-8 while written in GBK), with the marks of Word's HTML (word_html.py: o:p,
# mso- styles, conditional comments, numbers split over runs), in traditional characters
# (ICU's Hans-Hant), in UTF-16 (LE with a BOM; BE without one, declared utf-16), and set
# inside a government site's page (menus, breadcrumb, metadata table, layout table, share
# buttons, related links, footer); and messy/blank_legal_person with its blank cells written
# as "&nbsp;", "<o:p> </o:p>" and nothing (blank_cells.py). truth.json is the .docx case's
# truth: the same report.
# Then the browser and converter text dumps of corpus/v2021-text/ and corpus/v2019-text/,
# from the LibreOffice HTML with its tables given border="1" (as a page without CSS has
# them): w3m's box-drawn tables (labels wrapped inside a drawn row, spans as missing bars
# and rules), lynx's one cell per line, pandoc's plain-text tables (columns by position
# under dashed rules). Each tool runs once; truth.json is the .docx case's.
# Needs soffice (libreoffice-writer), iconv, uconv (icu-devtools) and python3; w3m, lynx and
# pandoc for the dumps (Debian 12: w3m 0.5.3, lynx 2.9.0dev.12, pandoc 2.17.1.1).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for v in v2021 v2019; do
  cp "$corpus/$v-docx/filled/input.docx" "$work/$v.docx"
done
cp "$corpus/messy/blank_legal_person/input.docx" "$work/blank.docx"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to html \
  --outdir "$work" "$work/v2021.docx" "$work/v2019.docx" "$work/blank.docx" >/dev/null
for v in v2021 v2019; do
  mkdir -p "$here/${v}_libreoffice" "$here/${v}_gbk"
  cp "$work/$v.html" "$here/${v}_libreoffice/input.html"
  sed 's/charset=utf-8/charset=gb2312/' "$work/$v.html" | iconv -f UTF-8 -t GBK \
    > "$here/${v}_gbk/input.html"
done
mkdir -p "$here/v2021_declared_utf8_written_gbk" "$here/v2021_traditional" "$here/v2021_site_page"
iconv -f UTF-8 -t GBK "$work/v2021.html" > "$here/v2021_declared_utf8_written_gbk/input.html"
uconv -f utf-8 -t utf-8 -x Hans-Hant "$work/v2021.html" > "$here/v2021_traditional/input.html"
python3 "$here/site_page.py" "$work/v2021.html" > "$here/v2021_site_page/input.html"
mkdir -p "$here/v2021_utf16le_bom" "$here/v2019_utf16be_declared"
{ printf '\377\376'; sed 's/charset=utf-8/charset=utf-16/' "$work/v2021.html" | iconv -f UTF-8 -t UTF-16LE; } \
  > "$here/v2021_utf16le_bom/input.html"
sed 's/charset=utf-8/charset=utf-16/' "$work/v2019.html" | iconv -f UTF-8 -t UTF-16BE \
  > "$here/v2019_utf16be_declared/input.html"
mkdir -p "$here/blank_cells"
python3 "$here/blank_cells.py" "$work/blank.html" > "$here/blank_cells/input.html"
for v in v2021 v2019; do
  mkdir -p "$here/${v}_word_html"
  python3 "$here/word_html.py" "$work/$v.html" > "$here/${v}_word_html/input.html"
done
for v in v2021 v2019; do
  page="$work/$v-bordered.html"
  sed 's/<table[^>]*>/<table border="1">/g' "$here/${v}_libreoffice/input.html" > "$page"
  mkdir -p "$corpus/$v-text/w3m" "$corpus/$v-text/lynx" "$corpus/$v-text/pandoc"
  w3m -dump -T text/html -I UTF-8 -O UTF-8 -cols 100 "$page" > "$corpus/$v-text/w3m/input.txt"
  lynx -dump -nolist -display_charset=utf-8 -assume_charset=utf-8 -width=100 "$page" \
    > "$corpus/$v-text/lynx/input.txt"
  pandoc -f html -t plain "$page" -o "$corpus/$v-text/pandoc/input.txt"
  for shape in w3m lynx pandoc; do
    cp "$corpus/$v-docx/filled/truth.json" "$corpus/$v-text/$shape/truth.json"
  done
done
