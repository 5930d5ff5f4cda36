#!/usr/bin/env python3
"""Writes the two example Word documents the example site's imported
bulletins come from, with their photos (simple drawings).

    python3 examples/word/make_examples.py

Only the standard library: zipfile for the .docx package, zlib for the
PNG photos. One document is written the way Word writes a 简讯 (masthead
with a red rule, Title style, a table, captioned photos, distribution
block); the other the way WPS exports a plain report (its namespaces,
eastAsia font hints, styles named by number, an anchored photo).
Import them with:

    jianxun import examples/word/yibin-anquan-chuangxin-gongzuoshi.docx examples/word/xiamen-gonghui-yizhan-song-qingliang.docx
"""

import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
WPS = (' xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
       'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
       'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
       'mc:Ignorable="w14 wp14"')


def png(width, height, pixel):
    """A PNG drawn by pixel(x, y) -> (r, g, b)."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def scene(sky, ground, shapes):
    """Sky and ground gradients with coloured rectangles (x0, y0, x1, y1, rgb),
    each drawn over the ones before it."""
    def pixel(x, y):
        for x0, y0, x1, y1, rgb in reversed(shapes):
            if x0 <= x < x1 and y0 <= y < y1:
                return rgb
        base = sky if y < 250 else ground
        shade = (y % 250) // 10
        return tuple(max(0, min(255, c - shade)) for c in base)
    return png(640, 400, pixel)


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text, props="", hint=False):
    fonts = '<w:rFonts w:hint="eastAsia"/>' if hint else ""
    return (f'<w:r><w:rPr>{fonts}{props}</w:rPr>'
            f'<w:t xml:space="preserve">{esc(text)}</w:t></w:r>')


def para(runs, props=""):
    return f"<w:p><w:pPr>{props}</w:pPr>{''.join(runs)}</w:p>"


def picture(rid, anchored=False):
    kind = "anchor" if anchored else "inline"
    extra = ' wp14:anchorId="1F2E3D4C"' if anchored else ""
    return (f'<w:r><w:drawing><wp:{kind}{extra}><wp:extent cx="5400000" cy="3375000"/>'
            f'<wp:docPr id="{rid[3:]}" name="图片 {rid[3:]}"/><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic>'
            f'</a:graphicData></a:graphic></wp:{kind}></w:drawing></w:r>')


def cell(text, props=""):
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para([run(text)])}</w:tc>"


def package(path, ns, body, styles, images, numbering=None):
    rels = "".join(
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{name}"/>'
        for rid, name, _ in images)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        + ('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' if numbering else "")
        + '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{body}<w:sectPr/></w:body></w:document>',
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{styles}</w:styles>',
        "word/_rels/document.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
    }
    if numbering:
        parts["word/numbering.xml"] = numbering
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        # A fixed time keeps the files the same from one run to the next.
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for _, name, data in images:
            z.writestr(zipfile.ZipInfo("word/media/" + name, (2025, 1, 1, 0, 0, 0)), data, zipfile.ZIP_STORED)


def yibin():
    red = '<w:b/><w:color w:val="FF0000"/><w:sz w:val="72"/>'
    rule = '<w:pBdr><w:bottom w:val="single" w:sz="24" w:space="1" w:color="FF0000"/></w:pBdr>'
    center = '<w:jc w:val="center"/>'
    indent = "\u3000\u3000"
    body = "".join([
        para([run("宜宾市“安康杯”竞赛简报", red)], center),
        para([run("2025年第4期")], center),
        para([run("宜宾市总工会劳动保护部\u3000\u3000\u3000\u3000\u3000\u3000\u30002025年9月18日")], rule),
        para([run("安全创新工作室给宜宾“安康杯”竞赛添上科技支撑")], '<w:pStyle w:val="Title"/>'),
        para([run(indent + "宜宾市总工会把“安康杯”竞赛和创新工作室建设放在一起抓：企业里的安全能手牵头成立工作室，把巡检、培训、演练和技术改进的办法攒成一套，再由工会推广到同行。")]),
        para([run("一、工作室扎根一线")], '<w:pStyle w:val="Heading1"/>'),
        para([run(indent + "兴文县宜宾瑞兴实业有限公司以巡检班组为基础，建起安全健康创新工作室，宣传、教育、培训、演练都由班组自己组织，全员安全素养跟着提了上来。")]),
        para([run(indent + "南溪区宜宾六尺巷酒业公司的工作室把安全课搬到了现场，设了几个体验平台：")]),
        para([run("安全标示展示区：认清厂区里每一块标识；")], '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
        para([run("“六尺巷事故墙”：用身边的事故教训提醒职工；")], '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
        para([run("安全帽撞击体验区：亲身体会安全帽为什么必须戴好。")], '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
        para([picture("rId11")]),
        para([run("图为六尺巷酒业公司职工在安全帽撞击体验区体验（宜宾市总工会 供图）")], center),
        para([run("二、命名一批、带动一片")], '<w:pStyle w:val="Heading1"/>'),
        para([run(indent + "市总工会对成效突出的工作室给予命名，让好做法有名分、能复制：")]),
        "<w:tbl>" + "".join([
            "<w:tr>" + cell("工作室") + cell("所在单位") + cell("命名") + "</w:tr>",
            "<w:tr>" + cell("胡昌红劳模创新工作室") + cell("普什集团") + cell("宜宾市劳模（工匠）创新工作室") + "</w:tr>",
            "<w:tr>" + cell("周益数字化智慧物流创新工作室") + cell("安吉集团") + cell("宜宾市安全创新工作室") + "</w:tr>",
        ]) + "</w:tbl>",
        para([picture("rId12")]),
        para([run("图为安吉集团物流园区的数字化调度现场（宜宾市总工会 供图）")], center),
        para([run(indent + "从生产现场的电子监控、流水线的信息化改造，到职工健康档案电子化和特殊岗位人员的健康动态监测，科技正成为园区安全生产和职工健康的帮手。")]),
        para([run("━━━━━━━━━━━━━━━━━━━━━━━━━━")]),
        para([run("报：四川省总工会劳动保护部")]),
        para([run("发：各区县总工会、各产业工会、市级各园区工会")]),
        para([run("宜宾市总工会劳动保护部\u3000\u3000\u3000\u3000\u3000\u30002025年9月19日印发")]),
    ])
    styles = ('<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>')
    numbering = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    helmet = scene((150, 190, 230), (120, 120, 110), [
        (80, 120, 560, 330, (235, 235, 225)),   # the hall
        (120, 170, 220, 330, (200, 60, 40)),    # a banner
        (300, 200, 340, 330, (40, 60, 120)),    # a worker
        (298, 180, 342, 205, (250, 200, 20)),   # the helmet
        (420, 140, 520, 200, (250, 200, 20)),   # the drop rig
    ])
    depot = scene((170, 200, 235), (90, 95, 100), [
        (40, 150, 300, 330, (200, 200, 205)),   # a warehouse
        (340, 190, 600, 330, (180, 185, 195)),
        (90, 280, 170, 330, (240, 120, 30)),    # forklifts
        (400, 290, 470, 330, (240, 120, 30)),
        (360, 60, 600, 110, (30, 40, 60)),      # the screen
    ])
    path = os.path.join(HERE, "yibin-anquan-chuangxin-gongzuoshi.docx")
    package(path, W, body, styles, [("rId11", "image1.png", helmet), ("rId12", "image2.png", depot)], numbering)


def xiamen():
    ea = True
    body = "".join([
        para([run("厦门工会驿站为高温一线职工送清凉", hint=ea)], '<w:pStyle w:val="2"/><w:jc w:val="center"/>'),
        para([run("（2026年1月12日）", hint=ea)], '<w:jc w:val="center"/>'),
        para([run("\u3000\u3000回顾2025年，厦门市各级工会依托全市93个工会驿站，把防暑降温服务送到企业和生产一线，全年走访企业1292家，发放防暑降温慰问物资1090余万元。", hint=ea)]),
        para([run("一、哪里有高温作业，就把清凉送到哪里", "<w:b/>", hint=ea)]),
        para([run("\u3000\u3000慰问覆盖高温作业行业职工18.9万名，其中新就业形态劳动者3万余名。外卖骑手、快递小哥在驿站里能歇脚、喝水、充电，也能领到防暑用品。", hint=ea)]),
        para([picture("rId21", anchored=True)]),
        para([run("图为工会驿站工作人员为户外职工送上防暑物资（厦门市总工会 供图）", hint=ea)]),
        para([run("二、把监督员配到基层", "<w:b/>", hint=ea)]),
        para([run("\u3000\u3000全年推动基层工会配备劳动保护监督检查员2038名，并举办专题培训班，对65名基层骨干进行系统培训。各级工会还借助“安康杯”竞赛和劳动保护监督检查，督促企业把高温天气的作业安排和防护措施落到班组。", hint=ea)]),
    ])
    styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 1"/><w:basedOn w:val="1"/>'
              '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>')
    station = scene((120, 180, 240), (200, 190, 160), [
        (60, 130, 330, 330, (230, 90, 60)),     # the station
        (100, 200, 180, 330, (250, 250, 245)),  # its door
        (380, 240, 430, 330, (30, 120, 200)),   # a courier
        (450, 250, 560, 330, (250, 200, 40)),   # boxes of supplies
        (480, 40, 560, 100, (255, 230, 120)),   # the sun
    ])
    path = os.path.join(HERE, "xiamen-gonghui-yizhan-song-qingliang.docx")
    package(path, W + WPS, body, styles, [("rId21", "image1.png", station)])


if __name__ == "__main__":
    yibin()
    xiamen()
