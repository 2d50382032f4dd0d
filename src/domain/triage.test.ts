import { describe, expect, it } from 'vitest';
import {
  caseTextFeatures,
  featureText,
  learn,
  predict,
  sharpnessFor,
  suggest,
  textFeatures,
  train,
  type TrainingCase,
  untrained,
  viewNormSteps,
} from './triage.ts';

const words = (text: string) => text.split(/[\s，。]+/).filter(Boolean);
const example = (label: string, text: string, partition = '/a/'): TrainingCase => ({
  partition,
  label,
  features: textFeatures(words(text), text),
});
const everything = { partitions: () => true };

const FEES = ['物业费 涨价 没有 公示', '物业费 收费 太高', '公摊 电费 收费 不明', '停车 收费 涨价', '物业费 发票'];
const LIFT = ['电梯 坏了 困人', '电梯 停运 没人 修', '电梯 异响 晃动', '电梯 年检 过期', '电梯 门 夹人'];

describe('triage nearest centroid over TF-IDF (issue 21)', () => {
  it('features are words, characters and character bigrams, each once', () => {
    const f = textFeatures(['物业费', '物业费'], '物业费');
    expect(f.filter((x) => x === '物业费')).toHaveLength(1);
    expect(f.map(featureText).sort()).toEqual(['业', '业费', '物', '物业', '物业费', '费']);
  });

  it("a case's subject counts again, as the subject's features, and a reason is shown once", () => {
    const subject = textFeatures(['电梯'], '电梯');
    const text = textFeatures(['电梯', '坏了'], '电梯 坏了');
    const f = caseTextFeatures(text, subject);
    expect(f).toHaveLength(text.length + subject.length);
    expect(new Set(f).size).toBe(f.length);
    expect(f.slice(text.length).map(featureText)).toEqual(subject.map(featureText));
    // Two cases with the same text: the one whose subject says 电梯 is the lift's.
    const byText = (t: string, s: string) => caseTextFeatures(textFeatures(words(t), t), textFeatures(words(s), s));
    const model = train([
      ...FEES.map((t) => ({ partition: '/a/', label: 'fees', features: byText(t, t.split(' ')[0]!) })),
      ...LIFT.map((t) => ({ partition: '/a/', label: 'lift', features: byText(t, t.split(' ')[0]!) })),
    ]);
    const both = '电梯 收费';
    expect(predict(model, byText(both, '电梯'), everything)[0]!.value).toBe('lift');
    expect(predict(model, byText(both, '收费'), everything)[0]!.value).toBe('fees');
    const because = predict(model, byText('电梯 坏了 困人', '电梯 坏了'), everything)[0]!.because;
    expect(because).toContain('电梯');
    expect(new Set(because).size).toBe(because.length);
  });

  it('the sharpness follows the cases per class in the view: 6·√n, at most 80', () => {
    expect(sharpnessFor(0)).toBe(0);
    expect(sharpnessFor(4)).toBe(12);
    expect(sharpnessFor(25)).toBe(30);
    expect(sharpnessFor(400)).toBe(80);
    expect(sharpnessFor(20_000)).toBe(80);
    // The same case against the same classes, learnt from 5 cases each and from 20 copies of
    // them: the larger history is surer (its sharpness is 60 against 13.4).
    const cases = [...FEES.map((t) => example('fees', t)), ...LIFT.map((t) => example('lift', t))];
    const asked = textFeatures(['物业费', '电梯'], '物业费 电梯 涨价');
    const small = predict(train(cases), asked, everything)[0]!;
    const large = predict(train(Array.from({ length: 20 }, () => cases).flat()), asked, everything)[0]!;
    expect(large.value).toBe(small.value);
    expect(large.probability).toBeGreaterThan(small.probability);
  });

  it('ranks the class whose cases share the words, with those words as the reason', () => {
    const model = train([...FEES.map((t) => example('fees', t)), ...LIFT.map((t) => example('lift', t))]);
    const ranked = predict(model, textFeatures(['物业费', '又', '涨价'], '物业费又涨价'), everything);
    expect(ranked.map((r) => r.value)).toEqual(['fees', 'lift']);
    expect(ranked[0]!.probability + ranked[1]!.probability).toBeCloseTo(1, 10);
    expect(ranked[0]!.because).toContain('物业费');
    // Single characters count, but are never shown as a reason.
    expect(ranked[0]!.because.every((w) => [...w].length >= 2)).toBe(true);
    expect(suggest(ranked)?.value).toBe('fees');
  });

  it('suggests nothing below the minimum cases per class, below the floor, or with one class', () => {
    const few = train([...FEES.slice(0, 4).map((t) => example('fees', t)), ...LIFT.map((t) => example('lift', t))]);
    const text = textFeatures(['物业费', '涨价'], '物业费涨价');
    expect(predict(few, text, everything)[0]!.value).toBe('fees');
    expect(suggest(predict(few, text, everything))).toBeNull();
    const full = train([...FEES.map((t) => example('fees', t)), ...LIFT.map((t) => example('lift', t))]);
    // Words neither class has: near the prior, below the floor.
    expect(suggest(predict(full, textFeatures(['绿化'], '绿化'), everything))).toBeNull();
    const one = train(FEES.map((t) => example('fees', t)));
    expect(suggest(predict(one, text, everything))).toBeNull();
  });

  it('a view covers only its partitions, and subtracting cases leaves exactly the model without them', () => {
    const mine = [...FEES.map((t) => example('fees', t, '/a/')), ...LIFT.map((t) => example('lift', t, '/a/'))];
    const theirs = [0, 1, 2, 3, 4, 5].map((i) => example('fees', `电梯 坏了 第${i}次`, '/b/'));
    const recused = example('lift', '电梯 物业费 独有词', '/a/');
    const model = train([...mine, ...theirs, recused]);
    const text = textFeatures(['电梯', '物业费', '独有词'], '电梯 物业费 独有词');
    const view = predict(model, text, { partitions: (p) => p === '/a/', minus: [recused] });
    const without = predict(train(mine), text, everything);
    expect(view).toEqual(without);
    expect(predict(model, text, { partitions: () => false })).toEqual([]);
  });

  it('subtracting several cases across partitions, sharing words with the rest, is exact too', () => {
    const texts = [...FEES, ...LIFT, '电梯 收费 涨价', '物业费 电梯 维修 收费', '停车 电梯 困人'];
    const cases = texts.flatMap((t, i) => [
      example(i % 3 === 0 ? 'fees' : i % 3 === 1 ? 'lift' : 'parking', t, ['/a/', '/a/x/', '/b/'][i % 3]),
      example(i % 2 === 0 ? 'fees' : 'lift', `${t} 又`, ['/a/x/', '/b/'][i % 2]),
    ]);
    const model = train(cases);
    const minus = [cases[0]!, cases[3]!, cases[7]!, cases[12]!];
    const inView = (p: string) => p.startsWith('/a/');
    const text = textFeatures(['电梯', '收费', '又'], '电梯 收费 又');
    // Asked twice: the second answer reads the cached norms of the same partitions.
    for (let round = 0; round < 2; round++)
      expect(predict(model, text, { partitions: inView, minus })).toEqual(
        predict(train(cases.filter((c) => inView(c.partition) && !minus.includes(c))), text, everything),
      );
  });

  it('a model counted case by case, with predictions between, ranks as one counted at once', () => {
    const cases = [...FEES.map((t) => example('fees', t, '/a/')), ...LIFT.map((t) => example('lift', t, '/b/'))];
    const text = textFeatures(['电梯', '物业费'], '电梯 物业费');
    const stepwise = untrained();
    for (const c of cases) {
      learn(stepwise, c);
      // A prediction in between caches the centroids' norms; the next case must not leave them stale.
      predict(stepwise, text, everything);
    }
    expect(predict(stepwise, text, everything)).toEqual(predict(train(cases), text, everything));
  });

  it('a view prepared in steps of one feature ranks exactly as one worked out at once (#21, #25)', () => {
    const texts = [...FEES, ...LIFT, '电梯 收费 涨价', '物业费 电梯 维修 收费'];
    const cases = texts.map((t, i) => example(i % 2 === 0 ? 'fees' : 'lift', t, ['/a/', '/a/x/', '/b/'][i % 3]));
    const text = textFeatures(['电梯', '收费'], '电梯 收费');
    const view = { partitions: (p: string) => p.startsWith('/a/'), minus: [cases[1]!] };
    const stepped = train(cases);
    const steps = viewNormSteps(stepped, view, 1);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    // Paused after every feature counted and every feature's norms added: the pass really is split.
    expect(pauses).toBeGreaterThan(texts.length);
    expect(stepped.norms.size).toBe(1);
    expect(predict(stepped, text, view)).toEqual(predict(train(cases), text, view));
    // Prepared twice (two first answers at once): the second pass finds the sums and changes nothing.
    const again = viewNormSteps(stepped, view, 1);
    expect(again.next().done).toBe(true);
    expect(predict(stepped, text, view)).toEqual(predict(train(cases), text, view));
  });
});
