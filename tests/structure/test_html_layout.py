"""HTML pages: metadata, article element, figure, related boxes, fallback extraction."""

import json

import lagebild

PARAS = [
    "Die Außenminister der G7 haben sich am Dienstag in Berlin getroffen. Sie berieten über die Lage in der Ukraine.",
    "Bundesaußenministerin Annalena Baerbock sagte, man stehe fest an der Seite Kiews. Weitere Hilfen seien geplant.",
    "Ein gemeinsames Abschlussdokument soll am Mittwoch veröffentlicht werden. Die Verhandlungen dauerten bis spät in die Nacht.",
]


def page(article_inner: str, head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>G7 beraten in Berlin | Beispielblatt</title>
    {head}</head><body>
    <div class="cookie-banner"><p>Wir verwenden Cookies.</p><button>Alle akzeptieren</button></div>
    <nav><a href="/">Startseite</a><a href="/politik">Politik</a></nav>
    {article_inner}
    <footer><p>© 2022 Beispielblatt – Alle Rechte vorbehalten</p><a href="/impressum">Impressum</a></footer>
    </body></html>"""


def test_semantic_article_page():
    html = page(f"""<main><article>
      <header><span class="kicker">Diplomatie</span><h1>G7 beraten in Berlin</h1>
      <p class="teaser">Die G7-Staaten beraten über weitere Hilfen für die Ukraine.</p>
      <p class="byline">Von <a rel="author" href="/a">Anna Beispiel</a>, Berlin <time datetime="2022-11-03T21:05:00Z">03.11.2022</time></p></header>
      <figure><img src="x.jpg" alt=""><figcaption>Die Außenminister in Berlin. <span class="credit">Foto: Max Muster / Reuters</span></figcaption></figure>
      <p>{PARAS[0]}</p>
      <div class="ad anzeige"><p>Anzeige</p><p>Kaufen Sie jetzt!</p></div>
      <p>{PARAS[1]}</p>
      <aside class="related"><h3>Mehr zum Thema</h3><ul><li><a href="/1">Analyse: Was die G7 kann</a></li></ul></aside>
      <h2>Abschlussdokument erwartet</h2>
      <p>{PARAS[2]}</p>
      <div class="newsletter"><p>Newsletter abonnieren und nichts verpassen</p></div>
    </article></main>""")
    record = lagebild.analyze(html).to_dict()
    assert record["source"]["format"] == "html"
    assert record["title"] == "G7 beraten in Berlin"
    assert record["kicker"] == "Diplomatie"
    assert record["lead"] == "Die G7-Staaten beraten über weitere Hilfen für die Ukraine."
    assert record["author"] == "Anna Beispiel"
    assert record["published"] == "2022-11-03T22:05:00+01:00"  # UTC instant shown in Berlin time
    assert record["caption"] == "Die Außenminister in Berlin."
    assert record["image_credit"] == "Max Muster / Reuters"
    assert record["sections"] == [{"heading": None, "paragraphs": PARAS[:2]},
                                  {"heading": "Abschlussdokument erwartet", "paragraphs": PARAS[2:]}]
    for leak in ("Cookies", "Anzeige", "Mehr zum Thema", "Analyse: Was", "Newsletter", "Impressum", "Startseite"):
        assert leak not in record["text"]


def test_json_ld_and_opengraph_metadata_win_over_guessing():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "x"},
        {"@type": "NewsArticle", "headline": "G7 beraten in Berlin", "datePublished": "2022-11-03T10:15:00+01:00",
         "author": [{"@type": "Organization", "name": "Beispielblatt"}], "description": "Teaser"}]}
    html = page(f"<div class='story'><h1>G7 beraten in Berlin</h1>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>",
                head=f'<script type="application/ld+json">{json.dumps(ld)}</script>'
                     '<meta property="og:url" content="https://beispiel.example/g7">')
    record = lagebild.analyze(html).to_dict()
    assert record["published"] == "2022-11-03T10:15:00+01:00"
    assert record["author"] is None  # an organisation is not an author
    assert record["source"]["url"] == "https://beispiel.example/g7"
    assert record["sections"][0]["paragraphs"] == PARAS


def test_page_without_article_markup_uses_main_content_extraction():
    html = ("<html><head><title>G7 beraten in Berlin</title>"
            '<meta property="article:published_time" content="2022-11-03T10:15:00+01:00"></head><body>'
            "<div id='wrap'><div><a href='/'>Start</a> <a href='/p'>Politik</a></div>"
            "<div><h1>G7 beraten in Berlin</h1>" + "".join(f"<div><p>{p}</p></div>" for p in PARAS) + "</div></div></body></html>")
    record = lagebild.analyze(html).to_dict()
    assert record["title"] == "G7 beraten in Berlin"
    assert record["published"] == "2022-11-03T10:15:00+01:00"
    assert [p for s in record["sections"] for p in s["paragraphs"]] == PARAS


def test_related_box_without_marker_class_is_dropped():
    html = page(f"<article><h1>G7 beraten in Berlin</h1><p>{PARAS[0]}</p><section><h4>Das könnte Sie auch interessieren</h4>"
                "<ol><li><a href='/1'>Wie die G7 entstanden</a></li><li><a href='/2'>Porträt: Die Ministerin</a></li></ol></section>"
                f"<p>{PARAS[1]}</p></article>")
    record = lagebild.analyze(html).to_dict()
    assert record["sections"][0]["paragraphs"] == PARAS[:2]
    assert "Porträt" not in record["text"]


def test_kicker_inside_headline_and_bold_teaser_paragraph():
    html = page("<article><h1><span class='kicker'>Diplomatie:</span> <span>G7 beraten in Berlin</span></h1>"
                "<p><strong>Die G7-Staaten beraten über weitere Hilfen für die Ukraine und über Sanktionen.</strong></p>"
                + "".join(f"<p>{p}</p>" for p in PARAS) + "</article>")
    record = lagebild.analyze(html).to_dict()
    assert record["title"] == "G7 beraten in Berlin"
    assert record["kicker"] == "Diplomatie:"
    assert record["lead"] == "Die G7-Staaten beraten über weitere Hilfen für die Ukraine und über Sanktionen."
    assert record["sections"][0]["paragraphs"] == PARAS


def test_visible_stamp_and_byline_without_markup():
    html = page("<article><h1>G7 beraten in Berlin</h1><p class='meta'>Stand: 03.11.2022 21:05 Uhr</p>"
                "<p>Von Anna Beispiel, Berlin</p>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article>")
    record = lagebild.analyze(html).to_dict()
    assert record["published"] == "2022-11-03T21:05:00+01:00"
    assert record["author"] == "Anna Beispiel"
    assert record["sections"][0]["paragraphs"] == PARAS
