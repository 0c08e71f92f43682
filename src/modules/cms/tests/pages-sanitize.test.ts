import { describe, expect, it } from 'vitest';
import { sanitizePageHtml } from '../services/page-html.service.ts';
import { checkPageSections, checkSlug, chooseLanguage, isSafeLink } from '../services/page-input.service.ts';

describe('page HTML is sanitised on save', () => {
  it('keeps formatting, headings, lists, links, tables and images', () => {
    const html =
      '<h2>Title</h2><p>Some <strong>bold</strong>, <em>italic</em> and <a href="https://example.lu/x" title="t">a link</a>.</p>' +
      '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><blockquote>quote</blockquote>' +
      '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>' +
      '<a href="/pages/about">site path</a><a href="mailto:shop@example.lu">mail</a>';
    expect(sanitizePageHtml(html)).toBe(html);
    expect(sanitizePageHtml('<img src="https://cdn.example.lu/a.jpg" alt="A shop">')).toBe('<img src="https://cdn.example.lu/a.jpg" alt="A shop" loading="lazy" />');
  });

  it('removes scripts, styles, event handlers, iframes, forms and javascript: or data: addresses', () => {
    const cases: Array<[string, string]> = [
      ['<p>Hi</p><script>alert(1)</script>', '<p>Hi</p>'],
      ['<style>body{display:none}</style><p>x</p>', '<p>x</p>'],
      ['<p onclick="alert(1)" style="color:red">x</p>', '<p>x</p>'],
      ['<img src="x.jpg" onerror="alert(1)">', '<img src="x.jpg" alt="" loading="lazy" />'],
      ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
      ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
      ['<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
      ['<a href="//evil.example/x">x</a>', '<a>x</a>'],
      ['<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="d">', '<img alt="d" loading="lazy" />'],
      ['<iframe src="https://evil.example"></iframe><p>after</p>', '<p>after</p>'],
      ['<form action="/x"><input name="a"><button>Go</button></form>', 'Go'],
      ['<svg><script>alert(1)</script></svg>', ''],
      ['<h1>Big</h1>', '<h2>Big</h2>'],
    ];
    for (const [input, output] of cases) expect(sanitizePageHtml(input), input).toBe(output);
  });

  it('links that open a new tab cannot reach back into the page', () => {
    expect(sanitizePageHtml('<a href="https://example.lu" target="_blank">x</a>')).toBe('<a href="https://example.lu" target="_blank" rel="noopener noreferrer">x</a>');
    expect(sanitizePageHtml('<a href="https://example.lu" target="_top" rel="opener">x</a>')).toBe('<a href="https://example.lu" rel="opener">x</a>');
  });
});

describe('page field rules', () => {
  it('slugs are lower-case letters, digits and single hyphens, and not reserved', () => {
    expect(checkSlug(' About-Us ')).toBe('about-us');
    expect(checkSlug('faq-2')).toBe('faq-2');
    for (const bad of ['', 'a b', 'a_b', '-a', 'a-', 'a--b', 'é', 'a/b', 'x'.repeat(65)]) expect(() => checkSlug(bad), bad).toThrow(expect.objectContaining({ code: 'CMS_PAGE_SLUG_INVALID' }));
    for (const reserved of ['account', 'pages', 'api', 'admin', 'vendor', 'static', 'media', 'health', 'metrics', 'docs']) {
      expect(() => checkSlug(reserved), reserved).toThrow(expect.objectContaining({ code: 'CMS_PAGE_SLUG_RESERVED' }));
    }
  });

  it('button links are site paths, anchors or http(s)/mailto/tel addresses', () => {
    for (const ok of ['/pages/about', '/', '#top', 'https://example.lu/a?b=1', 'http://example.lu', 'mailto:a@b.lu', 'tel:+352123']) expect(isSafeLink(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', '//evil.example', 'data:text/html,x', 'ftp://x', '/\\evil', 'about', 'https://']) expect(isSafeLink(bad), bad).toBe(false);
  });

  it('sections are checked per type, their HTML sanitised and empty languages dropped; product grids are not offered yet', () => {
    const sections = checkPageSections([
      { type: 'rich_text', html: { en: '<p>A</p><script>x</script>', de: '   ' } },
      { type: 'hero', heading: { en: '  Hello   world ' } },
    ]);
    expect(sections).toEqual([
      { type: 'rich_text', html: { en: '<p>A</p>' } },
      { type: 'hero', heading: { en: 'Hello world' }, subheading: {}, button_label: {}, button_link: '', image_id: null },
    ]);
    expect(() => checkPageSections([{ type: 'product_grid' }])).toThrow(expect.objectContaining({ code: 'CMS_PAGE_SECTION_TYPE_UNAVAILABLE' }));
    expect(() => checkPageSections([{ type: 'image_text', text: {} }])).toThrow(expect.objectContaining({ code: 'CMS_PAGE_SECTIONS_INVALID', params: expect.objectContaining({ index: 1 }) }));
    expect(() => checkPageSections({ type: 'hero' })).toThrow(expect.objectContaining({ code: 'CMS_PAGE_SECTIONS_INVALID' }));
  });

  it('chooses the requested language, then the shop’s, then English, then any', () => {
    expect(chooseLanguage(['en', 'de'], ['de', 'fr'])).toBe('de');
    expect(chooseLanguage(['en', 'fr'], ['lu', 'fr'])).toBe('fr');
    expect(chooseLanguage(['en', 'fr'], ['lu', 'de'])).toBe('en');
    expect(chooseLanguage(['lu'], ['de', null])).toBe('lu');
    expect(chooseLanguage([], ['de'])).toBeUndefined();
  });
});
