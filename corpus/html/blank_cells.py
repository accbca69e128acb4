"""Writes the empty cells of an exported report the ways web pages write them (for
make_cases.sh): "&nbsp;", Word's "<o:p> </o:p>", "<o:p>&nbsp;</o:p>" and nothing at all, in
turn. A blank cell stays blank, never 0."""
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
forms = ["&nbsp;", "<o:p> </o:p>", "<span><o:p>&nbsp;</o:p></span>", ""]
count = 0


def blank(match):
    global count
    cell = match.group(0)
    if re.sub(r"<[^>]+>|\s", "", match.group(2)):
        return cell
    form = forms[count % len(forms)]
    count += 1
    return match.group(1) + "<p class=MsoNormal>" + form + "</p></td>"


sys.stdout.write(re.sub(r"(<td[^>]*>)(.*?)</td>", blank, page, flags=re.S))
