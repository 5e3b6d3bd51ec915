import { expect } from '@open-wc/testing';
import { SseParser, type SseMessage } from '../../domain/sse-parser.ts';

/** Feeds `stream` in chunks of `size` characters and returns what the parser reported. */
function parse(stream: string, size = stream.length) {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const parser = new SseParser(
    (m) => messages.push(m),
    (ms) => retries.push(ms),
    (text) => comments.push(text),
  );
  for (let i = 0; i < stream.length; i += size) parser.feed(stream.slice(i, i + size));
  return { messages, retries, comments };
}

describe('SseParser', () => {
  it('parses id, event, multi-line data, retry and comments across arbitrary chunks', () => {
    const messages: SseMessage[] = [];
    let retry = 0;
    const parser = new SseParser((m) => messages.push(m), (ms) => (retry = ms));
    const stream = 'retry: 3000\nid: 6\n\n: heartbeat\n\nid: 7\r\nevent: claim.created\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 8\nevent: claim.accepted\ndata:{"b":2}\n\n';
    for (let i = 0; i < stream.length; i += 5) parser.feed(stream.slice(i, i + 5));
    expect(retry).to.equal(3000);
    expect(messages).to.deep.equal([
      { id: '6', event: 'message', data: '' },
      { id: '7', event: 'claim.created', data: '{"a":\n1}' },
      { id: '8', event: 'claim.accepted', data: '{"b":2}' },
    ]);
  });

  it('ends lines at CR, LF or CRLF alike, whatever the chunk size, a CRLF split across chunks ending one line', () => {
    const expected = [
      { id: '1', event: 'a', data: 'x' },
      { id: '2', event: 'b', data: 'y' },
      { id: '3', event: 'c', data: 'z' },
    ];
    for (const size of [1, 2, 3, 7, 1000]) {
      const { messages } = parse('id: 1\revent: a\rdata: x\r\rid: 2\nevent: b\ndata: y\n\nid: 3\r\nevent: c\r\ndata: z\r\n\r\n', size);
      expect(messages, `chunks of ${size}`).to.deep.equal(expected);
    }
    // The CR ends the chunk; the LF that completes it starts the next one.
    const messages: SseMessage[] = [];
    const parser = new SseParser((m) => messages.push(m));
    for (const chunk of ['id: 4\r', '\ndata: w\r', '\n\r', '\n']) parser.feed(chunk);
    expect(messages).to.deep.equal([{ id: '4', event: 'message', data: 'w' }]);
  });

  it('takes a value with or without the space after the colon, and a field name alone as an empty value', () => {
    const { messages } = parse('id:9\nevent:claim.created\ndata:{"x":1}\ndata\ndata:  two spaces\n\n');
    expect(messages).to.deep.equal([{ id: '9', event: 'claim.created', data: '{"x":1}\n\n two spaces' }]);
  });

  it('reports comments to their callback and makes no message of a block of comments alone', () => {
    const { messages, comments } = parse(': heartbeat\n\n:no space\n: \n\n');
    expect(comments).to.deep.equal(['heartbeat', 'no space', '']);
    expect(messages).to.deep.equal([]);
  });

  it('reports a valid retry only, and a block of retry alone as a message with empty data', () => {
    const { messages, retries } = parse('retry: soon\nretry: 12.5\nretry: 2500\n\n');
    expect(retries).to.deep.equal([2500]);
    expect(messages).to.deep.equal([{ id: null, event: 'message', data: '' }]);
  });

  it('reports an id-only block (a position without an event), and gives each block its own id', () => {
    const { messages } = parse('id: 41\n\ndata: no id here\n\nid: 42\ndata: {}\n\n');
    expect(messages).to.deep.equal([
      { id: '41', event: 'message', data: '' },
      { id: null, event: 'message', data: 'no id here' },
      { id: '42', event: 'message', data: '{}' },
    ]);
  });

  it('ignores unknown fields, an id containing NUL, and a block the stream never finished', () => {
    const { messages } = parse('foo: bar\ndata: kept\n\nid: 5\0\ndata: nul\n\nid: 6\ndata: cut off');
    expect(messages).to.deep.equal([
      { id: null, event: 'message', data: 'kept' },
      { id: null, event: 'message', data: 'nul' },
    ]);
  });
});
