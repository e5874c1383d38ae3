import { describe, expect, it } from 'vitest';
import wranglerToml from '../../../wrangler.toml?raw';
import { CRON_JOBS, jobsFor } from '../../src/jobs/registry.ts';

describe('cron registry', () => {
  it('registers exactly the crons wrangler.toml triggers', () => {
    const line = wranglerToml.split('\n').find((l) => l.trim().startsWith('crons'));
    const crons = JSON.parse(line!.split('=')[1]!.trim()) as string[];
    expect(crons.length).toBeGreaterThan(0);
    expect(Object.keys(CRON_JOBS).sort()).toEqual([...crons].sort());
    for (const c of crons) expect(jobsFor(c).length).toBeGreaterThan(0);
  });

  it('throws for an unknown cron', () => {
    expect(() => jobsFor('0 0 1 1 *')).toThrow(/no jobs registered/);
  });
});
