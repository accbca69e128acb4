"""Sets the body of an exported report inside a government site's page (for make_cases.sh).

The chrome is what real sites put around an article: a header menu, a breadcrumb
("当前位置："), a layout table with a side menu, a metadata table (索引号, 发布机构, 成文日期,
发文字号 left empty, 发布日期), share buttons, related links and a footer."""
import sys

report = open(sys.argv[1], encoding="utf-8").read()
body = report[report.index("<body"):]
body = body[body.index(">") + 1:body.rindex("</body>")]
sys.stdout.write("""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="梅林镇人民政府2021年政府信息公开工作年度报告">
<meta name="PubDate" content="2022-01-20 09:30">
<title>梅林镇人民政府2021年政府信息公开工作年度报告-梅林镇人民政府</title>
<script>var nav = "一、总体情况";</script></head>
<body>
<div class="header"><div class="logo">梅林镇人民政府</div><ul class="menu"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="breadcrumb"><span>当前位置：</span><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/nb/">政府信息公开年报</a></div>
<table width="100%" border="0"><tr><td width="22%" valign="top"><ul><li><a href="/a">政府信息公开指南</a></li><li><a href="/b">政府信息公开制度</a></li><li><a href="/c">法定主动公开内容</a></li><li><a href="/d">政府信息公开年报</a></li></ul></td>
<td valign="top">
<table class="xxgk_table" border="1"><tr><td>索引号</td><td>11340000MB0000000X/2022-00001</td><td>主题分类</td><td>政务公开</td></tr>
<tr><td>发布机构</td><td>梅林镇人民政府</td><td>成文日期</td><td>2022-01-18</td></tr>
<tr><td>发文字号</td><td></td><td>发布日期</td><td>2022-01-20</td></tr></table>
<div class="article_content" id="zoom">""" + body + """</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="xglj">相关链接：<a href="/1">梅林镇人民政府2020年政府信息公开工作年度报告</a><a href="/2">梅林镇人民政府2019年政府信息公开工作年度报告</a><a href="/3">梅林镇人民政府2018年政府信息公开工作年度报告</a></div>
</td></tr></table>
<div class="footer">主办：梅林镇人民政府办公室　地址：梅林镇人民路1号　电话：0000-0000000　版权所有</div>
</body></html>
""")
