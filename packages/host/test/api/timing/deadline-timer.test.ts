import { DeadlineTimer } from '@berth/host';
import { describe, expect, it } from 'vitest';

describe('DeadlineTimer', () => {
  it('fires a deadline after its time, never before, and not once cancelled', async () => {
    const timer = new DeadlineTimer();
    const started = Date.now();
    const fired: string[] = [];
    const times: number[] = [];
    timer.add(40, () => (fired.push('a'), times.push(Date.now() - started)));
    timer.add(40, () => fired.push('cancelled')).cancel();
    timer.add(5, () => (fired.push('b'), times.push(Date.now() - started)));
    await new Promise((r) => setTimeout(r, 120));
    expect(fired).toEqual(['b', 'a']);
    expect(times[0]).toBeGreaterThanOrEqual(5);
    expect(times[1]).toBeGreaterThanOrEqual(40);
  });

  it('keeps working after cancelling deadlines in any order', async () => {
    const timer = new DeadlineTimer();
    const handles = Array.from({ length: 5 }, (_, i) => timer.add(10, () => fired.push(i)));
    const fired: number[] = [];
    for (const i of [3, 0, 4]) handles[i]?.cancel();
    handles[3]?.cancel();
    await new Promise((r) => setTimeout(r, 60));
    expect(fired.sort()).toEqual([1, 2]);
  });
});
