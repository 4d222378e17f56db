import { SaxesParser } from 'saxes';
import { XmlScanner, XmlSyntaxError } from './xml-scanner';

/** Events as `open NAME {attrs}`, `text …` (consecutive texts joined), `close NAME`; or the fault. */
type Outcome = { events: string[] } | { error: string };

function pushText(events: string[], text: string) {
  const last = events.at(-1);
  if (last?.startsWith('text ')) events[events.length - 1] = last + text;
  else events.push(`text ${text}`);
}

function withScanner(xml: string, chunk: number, wantsBlankText = true): Outcome {
  const events: string[] = [];
  const scanner = new XmlScanner({
    open: (name, attributes) => events.push(`open ${name} ${JSON.stringify(attributes)}`),
    text: (text) => pushText(events, text),
    close: (name) => events.push(`close ${name}`),
    wantsText: () => true,
    wantsBlankText,
  });
  try {
    for (let i = 0; i < xml.length; i += chunk) scanner.write(xml.slice(i, i + chunk));
    scanner.close();
    return { events };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { error: `${error.line}:${error.column}: ${error.reason}` };
    throw error;
  }
}

/** The reference: saxes, the conformant parser the scanner replaced. */
function withSaxes(xml: string): Outcome {
  const events: string[] = [];
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  parser.on('opentag', (tag) => {
    depth += 1;
    events.push(`open ${tag.name} ${JSON.stringify(tag.attributes)}`);
  });
  // saxes hands over text outside the root too (whitespace): the scanner only text inside it.
  parser.on('text', (text) => depth > 0 && pushText(events, text));
  parser.on('cdata', (text) => pushText(events, text));
  parser.on('closetag', (tag) => {
    depth -= 1;
    events.push(`close ${tag.name}`);
  });
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
    throw e;
  });
  try {
    parser.write(xml).close();
    return { events };
  } catch {
    return { error: error as string };
  }
}

const wellFormed: [string, string][] = [
  ['declaration, attributes, text', '<?xml version="1.0" encoding="UTF-8"?>\n<A x="1" y=\'deux\'>\n  <B>Zoé</B>\n  <C/>\n  <D z = "a>b" />\n</A>\n'],
  ['entities and character references', '<A t="&lt;&amp;&gt;&quot;&apos;">L&apos;Haÿ-les-Roses &amp; C&#233;cile &#x153;uvre &#65;</A>'],
  ['CDATA, comments, processing instructions', '<!-- début --><A><![CDATA[<b>&amp;</b>]]><!-- ? > --><?pi data?>fin</A><!-- après -->'],
  ['a DOCTYPE with an internal subset', '<!DOCTYPE A [ <!ELEMENT A ANY> ]>\n<A>x</A>'],
  ['CRLF line ends and tabs in attributes', '<A v="a\tb\r\nc">l1\r\nl2\rl3</A>\r\n'],
  ['deep nesting and empty elements', '<A><B><C><D></D><E/></C></B><F></F></A>'],
];

const malformed: [string, string][] = [
  ['a truncated file', '<A>\n<B>texte</B>\n<C>'],
  ['a closing tag of another name', '<A>\n<B>x</C>\n</A>'],
  ['an empty file', ''],
  ['whitespace only', ' \n '],
  ['two roots', '<A/><B/>'],
  ['text outside the root', '<A/>texte'],
  ['an unknown entity', '<A>&nbsp;</A>'],
  ['a control character', '<A>x\u0001y</A>'],
  ['a closing tag after the root', '<A></A></B>'],
];

describe('XmlScanner (streaming XML of the exports)', () => {
  it.each(wellFormed)('when the document has %s, then its events are those of a conformant parser, whatever the chunks', (_label, xml) => {
    const reference = withSaxes(xml);
    expect(reference).toHaveProperty('events');
    for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) expect(withScanner(xml, chunk)).toEqual(reference);
  });

  it.each(malformed)('when the document has %s, then it fails with the fault and place a conformant parser reports', (_label, xml) => {
    const reference = withSaxes(xml);
    expect(reference).toHaveProperty('error');
    for (const chunk of [1, 5, 1 << 20]) {
      const outcome = withScanner(xml, chunk);
      expect(outcome).toHaveProperty('error');
      // Same fault, same line; the column is checked where it is meant to be exact (see below).
      const [line, , reason] = (outcome as { error: string }).error.split(':');
      const [refLine, , refReason] = (reference as { error: string }).error.split(':');
      expect([line, reason]).toEqual([refLine, refReason]);
    }
  });

  it('when tags open, then each is given the line where it ends, whatever the chunks', () => {
    const xml = '<A>\n<B x="1"\n y="2">t</B>\r\n<C/>\n\n<D>' + 'x'.repeat(200) + '<E/>\n</D>\n' + '<F>z</F>'.repeat(50) + '\n<G/></A>';
    // Expected: 1 + the newlines before each opening tag's end.
    const expected = [...xml.matchAll(/<([A-G])[^>]*>/g)].map((m) => `${m[1]}:${xml.slice(0, (m.index ?? 0) + m[0].length).split('\n').length}`);
    for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) {
      const lines: string[] = [];
      const scanner = new XmlScanner({ open: (name, _a, line) => lines.push(`${name}:${line}`), text: () => undefined, close: () => undefined, wantsText: () => false });
      for (let i = 0; i < xml.length; i += chunk) scanner.write(xml.slice(i, i + chunk));
      scanner.close();
      expect(lines).toEqual(expected);
    }
  });

  it('when a closing tag does not match, then the column is that of its end, as saxes reports it', () => {
    expect(withScanner('<A>\n<NOM>X</PRENOM>\n</A>', 3)).toEqual(withSaxes('<A>\n<NOM>X</PRENOM>\n</A>'));
  });

  it('when a malformed character reference or a < in an attribute is met, then the file fails', () => {
    expect(withScanner('<A>&#0;</A>', 64)).toMatchObject({ error: expect.stringContaining('malformed character entity') });
    expect(withScanner('<A v="a<b"/>', 64)).toMatchObject({ error: expect.stringContaining('disallowed character') });
    expect(withScanner('<A v=x/>', 64)).toMatchObject({ error: expect.stringContaining('unquoted attribute value') });
  });

  it('when blank text is declined, then indentation between tags is not handed over, and text with anything else is, whole', () => {
    const xml = '<A>\n  <B> Zoé </B>\n  <C>\t</C>\n  <D>a &amp; b</D>\n</A>';
    expect(withScanner(xml, 4, false)).toEqual({
      events: ['open A {}', 'open B {}', 'text  Zoé ', 'close B', 'open C {}', 'close C', 'open D {}', 'text a & b', 'close D', 'close A'],
    });
  });
});
