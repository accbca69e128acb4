"""Gives an exported report the marks of Word's "Save as Web Page" (for make_cases.sh).

Conditional comments holding Office XML, the o: namespace and empty <o:p></o:p> at paragraph
ends, mso- styles on runs, downlevel-revealed list markers (<![if !supportLists]>) and
numbers split over two runs ("2</span><span>6"), as Word writes them."""
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
page = page.replace("<html>", '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                    'xmlns:w="urn:schemas-microsoft-com:office:word">', 1)
page = page.replace("<head>", "<head>\n<!--[if gte mso 9]><xml><o:DocumentProperties>"
                    "<o:Author>一、总体情况</o:Author></o:DocumentProperties></xml><![endif]-->", 1)
page = page.replace('<span lang="zh-CN">', "<span lang=ZH-CN style='mso-bidi-font-size:10.5pt;"
                    "mso-ascii-font-family:仿宋_GB2312'>")
page = page.replace("</p>", "<o:p></o:p></p>")
page = re.sub(r"(<h1[^>]*>)", r"\1<![if !supportLists]><span style='mso-list:Ignore'><![endif]>", page)
# Numbers of two digits or more, alone between tags, split after their first digit.
page = re.sub(r">([0-9])([0-9]+)<", r"><span style='mso-bidi-font-size:10.5pt'>\1</span>"
              r"<span style='mso-bidi-font-size:10.5pt'>\2</span><", page)
sys.stdout.write(page)
