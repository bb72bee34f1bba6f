from oneteam.core.markdown import render_markdown


def test_render_markdown_gives_govuk_paragraph_and_strong():
    html = render_markdown("Some **bold** words")
    assert html == '<p class="govuk-body">Some <strong>bold</strong> words</p>\n'


def test_render_markdown_escapes_raw_script():
    html = render_markdown("<script>alert(1)</script>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_render_markdown_drops_javascript_link():
    html = render_markdown("[click](javascript:alert(1))")
    assert "href" not in html


def test_render_markdown_keeps_https_link_with_safe_rel():
    html = render_markdown("[site](https://example.org)")
    assert (
        '<a href="https://example.org" class="govuk-link" rel="noopener noreferrer nofollow">'
        "site</a>"
    ) in html


def test_render_markdown_demotes_h1_so_the_page_keeps_one():
    html = render_markdown("# Title")
    assert html == '<h2 class="govuk-heading-m">Title</h2>\n'


def test_render_markdown_empty_text_gives_empty_string():
    assert render_markdown("   ") == ""
