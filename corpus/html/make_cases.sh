#!/bin/sh
# Writes the HTML cases of corpus/html/ from the committed .docx cases: LibreOffice's HTML
# export of corpus/v2021-docx/filled and corpus/v2019-docx/filled (Word-processor HTML: runs
# split over <font>/<span>, rowspan/colspan tables), that export in GBK (declared gb2312, and
# declared utf-8 while written in GBK), with the marks of Word's HTML (word_html.py: o:p,
# mso- styles, conditional comments, numbers split over runs), in traditional characters
# (ICU's Hans-Hant), and set
# inside a government site's page (menus, breadcrumb, metadata table, layout table, share
# buttons, related links, footer); and messy/blank_legal_person with its blank cells written
# as "&nbsp;", "<o:p> </o:p>" and nothing (blank_cells.py). truth.json is the .docx case's
# truth: the same report.
# Needs soffice (libreoffice-writer), iconv, uconv (icu-devtools) and python3.
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
mkdir -p "$here/blank_cells"
python3 "$here/blank_cells.py" "$work/blank.html" > "$here/blank_cells/input.html"
for v in v2021 v2019; do
  mkdir -p "$here/${v}_word_html"
  python3 "$here/word_html.py" "$work/$v.html" > "$here/${v}_word_html/input.html"
done
