import { Progress } from '../../bin/progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (t: string) => written.push(t) };
}

describe('Progress', () => {
  test('on a terminal shows each step with the elapsed time, then clears the line', () => {
    let t = 1_000;
    const s = stream(true);
    const p = new Progress(s, () => t);
    t = 2_500;
    p.step('synthesizing');
    p.done();
    expect(s.written).toEqual(['\r\x1b[2K[1.5 s] synthesizing…', '\r\x1b[2K']);
  });

  test('is silent when the output is not a terminal', () => {
    const s = stream(false);
    const p = new Progress(s);
    p.step('synthesizing');
    p.done();
    expect(s.written).toEqual([]);
  });
});
