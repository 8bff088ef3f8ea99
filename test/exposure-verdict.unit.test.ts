import { describe, expect, it } from 'vitest';
import { evidence } from '../core/evidence.js';
import { type ExposureReading, exposureVerdict, nameSome } from '../suites/exposure-verdict.js';

const summary = evidence('X-01: 4 URLs asked', { answers: 4 });
const leak = (url: string) => evidence(`GET ${url} → 200`, { status: 200 }, '127.0.0.1:443');
const say = { exposed: () => 'exposed: /a', clean: () => 'none of 4 URLs is served' };
const reading = (over: Partial<ExposureReading>): ExposureReading => ({ exposed: [], unusable: [], asked: 4, candidates: 'sensitive URLs', summary, ...over });

describe('exposureVerdict: fail if any exposed, inconclusive if any unusable, else pass', () => {
  it('fails on a proven exposure, with each proof and the summary last', () => {
    const v = exposureVerdict(reading({ exposed: [leak('/a'), leak('/b')] }), say);
    expect(v.outcome).toBe('fail');
    expect(v.message).toBe('exposed: /a');
    expect(v.evidence.map((e) => e.label)).toEqual(['GET /a → 200', 'GET /b → 200', 'X-01: 4 URLs asked']);
  });

  it('fails even when other candidates gave no usable answer: the exposure is proof enough', () => {
    const v = exposureVerdict(reading({ exposed: [leak('/a')], unusable: ['GET /c: no answer (timeout)'] }), say);
    expect(v.outcome).toBe('fail');
  });

  it('is inconclusive, naming every unusable answer, when nothing is proven exposed', () => {
    const v = exposureVerdict(reading({ unusable: ['GET /c: no answer (timeout)', 'GET /d → 503: server error'] }), say);
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toBe('2 of 4 sensitive URLs gave no usable answer: GET /c: no answer (timeout); GET /d → 503: server error');
    expect(v.evidence).toEqual([summary]);
  });

  it('is inconclusive when no candidate was asked at all: nothing seen is never a pass', () => {
    const v = exposureVerdict(reading({ asked: 0 }), say);
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toBe('no sensitive URLs were asked for, so nothing was seen');
  });

  it('passes with the summary as evidence when every answer was usable and none exposed', () => {
    const v = exposureVerdict(reading({}), say);
    expect(v).toEqual({ outcome: 'pass', message: 'none of 4 URLs is served', evidence: [summary] });
  });

  it('builds only the message of the outcome it returns', () => {
    const never = () => {
      throw new Error('not this one');
    };
    expect(exposureVerdict(reading({}), { exposed: never, clean: () => 'clean' }).outcome).toBe('pass');
    expect(exposureVerdict(reading({ exposed: [leak('/a')] }), { exposed: () => 'leak', clean: never }).outcome).toBe('fail');
  });
});

describe('nameSome', () => {
  it('names up to five, then counts the rest', () => {
    expect(nameSome(['a', 'b'])).toBe('a; b');
    expect(nameSome(['1', '2', '3', '4', '5', '6', '7'])).toBe('1; 2; 3; 4; 5 and 2 more');
    expect(nameSome(['a', 'b', 'c'], ', ', 2)).toBe('a, b and 1 more');
  });
});
