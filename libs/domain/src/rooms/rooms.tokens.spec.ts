import { parseJanusNodes } from './rooms.tokens';

describe('parseJanusNodes', () => {
  it('reads named nodes, bare URLs and public URLs', () => {
    expect(
      parseJanusNodes(
        'n1=http://10.0.0.2:8088/janus, edge=http://10.0.0.3:8088/janus/|https://media.example.com/janus',
      ),
    ).toEqual([
      { id: 'n1', url: 'http://10.0.0.2:8088/janus', publicUrl: 'http://10.0.0.2:8088/janus' },
      { id: 'edge', url: 'http://10.0.0.3:8088/janus', publicUrl: 'https://media.example.com/janus' },
    ]);
    expect(parseJanusNodes('http://127.0.0.1:8088/janus')).toEqual([
      { id: 'n1', url: 'http://127.0.0.1:8088/janus', publicUrl: 'http://127.0.0.1:8088/janus' },
    ]);
    expect(parseJanusNodes('')).toEqual([]);
  });
});
