import { describe, expect, it } from 'vitest';
import { jaccard, jaccardOfList, rankDuplicates } from './similarity.ts';
import { searchCharacters, searchTokens } from '../store/search.ts';

/** A text's features as duplicates.ts compares them: the search index's words and characters (unhashed here). */
const features = (text: string) =>
  new Set([...searchTokens(text, '', '').split(' '), ...searchCharacters(text, '').map((c) => `char:${c}`)]);

describe('duplicate similarity (issue 21)', () => {
  it('is the Jaccard index', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3, 12);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(jaccard(new Set(['a']), new Set(['a']))).toBe(1);
  });

  it('is the same index over a list of distinct tokens, counting only `size` of them', () => {
    const a = new Set(['a', 'b', 'c']);
    expect(jaccardOfList(a, ['b', 'c', 'd'], 3)).toBeCloseTo(jaccard(a, new Set(['b', 'c', 'd'])), 12);
    // Two tokens of the list are the candidate's own (its tracking number): not in A, not counted.
    expect(jaccardOfList(a, ['b', 'c', 'x', 'y'], 2)).toBeCloseTo(jaccard(a, new Set(['b', 'c'])), 12);
    expect(jaccardOfList(new Set(), [], 0)).toBe(0);
  });

  it('offers a re-worded complaint, not a different matter; the same submitter lowers the bar', () => {
    const asked = features('物业费从1.2涨到1.8，没开业主大会也没有公示');
    const reworded = features('物业费从一块二涨到一块八，没开业主大会没公示');
    const other = features('电梯这个月坏了四次，有一次还困人');
    const loose = features('物业费涨了，业主都不知道');
    const ranked = rankDuplicates([
      { id: 'reworded', text: jaccard(asked, reworded), sameSubmitter: false, sameRespondent: false },
      { id: 'other', text: jaccard(asked, other), sameSubmitter: true, sameRespondent: false },
      { id: 'loose', text: jaccard(asked, loose), sameSubmitter: false, sameRespondent: false },
    ]);
    expect(ranked.map((d) => d.id)).toEqual(['reworded']);
    const withParty = rankDuplicates(
      [{ id: 'loose', text: jaccard(asked, loose), sameSubmitter: true, sameRespondent: false }],
      {
        textFloor: 0.45,
        partyFloor: 0.1,
        partyBonus: 0.2,
        limit: 10,
      },
    );
    expect(withParty).toHaveLength(1);
    expect(withParty[0]!.score).toBeCloseTo(withParty[0]!.text + 0.2, 2);
  });

  it('keeps at most the limit, best first', () => {
    const asked = features('冰箱不制冷');
    const many = Array.from({ length: 15 }, (_, i) => ({
      id: `c${String(i).padStart(2, '0')}`,
      text: jaccard(asked, features(i % 2 ? '冰箱不制冷' : '冰箱不制冷了')),
      sameSubmitter: false,
      sameRespondent: false,
    }));
    const ranked = rankDuplicates(many);
    expect(ranked).toHaveLength(10);
    expect(ranked[0]!.text).toBe(1);
    expect(ranked.every((d, i) => i === 0 || d.score <= ranked[i - 1]!.score)).toBe(true);
  });
});
