import { AdmissionGate, admissionLimit } from './admission-gate';

const tick = () => new Promise((r) => setImmediate(r));

describe('AdmissionGate', () => {
  it('never runs more than its limit at once, admits in arrival order and runs everything', async () => {
    const gate = new AdmissionGate(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gate.run(async () => {
          started.push(i);
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return i * 2;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('a failing piece of work frees its slot and fails alone', async () => {
    const gate = new AdmissionGate(1);
    const failing = gate.run(async () => {
      await tick();
      throw new Error('boom');
    });
    const next = gate.run(async () => 'next');
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('is half the pool, at least one, and refuses a limit below one', () => {
    expect(admissionLimit(20)).toBe(10);
    expect(admissionLimit(1)).toBe(1);
    expect(admissionLimit(3)).toBe(1);
    expect(() => new AdmissionGate(0)).toThrow();
  });
});
