import {
  level3CatalogueShare,
  level4CatalogueShare,
  level4EligibleShare,
  METRIC,
  type DeadlineKpis,
  type KpiProvenance,
  type PeriodKpisResponse,
  type PeriodMetric,
  type ReviewReferenceResponse,
} from '../../../protocol';
import { change, type Change, type Polarity } from '../../../protocol/compare';
import type { Translate } from '../../i18n';
import { formatNumber, formatPercent } from '../../ui/format';
import { relativeChange } from './projection';
import type { Resource } from './review.store';

export interface ProvenanceView {
  /** The English formula of the API's catalogue; shown through `formulaText` when `metric` is set. */
  formula: string;
  metric?: string;
  source: string;
  /** Events behind the figure; null for facts that are not events (catalogue, published indices). */
  events: number | null;
  lastEventTsMs: number | null;
}

export interface TileModel {
  id: string;
  label: string;
  value: string;
  sub?: string;
  /** Change against the comparison period, already formatted; null when there is none. */
  delta: string | null;
  /** Whether the change is good or bad for this KPI (more late dossiers is bad); null without a change. */
  verdict?: Change['verdict'];
  tone: 'normal' | 'alert';
  provenance: ProvenanceView;
}

const fromEvents = (p: KpiProvenance): ProvenanceView => ({
  formula: p.formula,
  metric: p.metric,
  source: `${p.stream} · ${p.metric}`,
  events: p.events,
  lastEventTsMs: p.lastEventTsMs,
});

/** The scorecard of a period: each tile from the period answer, compared when a comparison is chosen. */
export function buildTiles(
  t: Translate,
  intl: string,
  now: PeriodKpisResponse,
  before: PeriodKpisResponse | null,
  ref: ReviewReferenceResponse,
  year: number,
  deadlines: Resource<DeadlineKpis>,
): TileModel[] {
  const pct = (v: number | null) => formatPercent(v, intl);
  const verdictWord = (v: Change['verdict']) =>
    v === 'better'
      ? t('delta.better')
      : v === 'worse'
        ? t('delta.worse')
        : v === 'same'
          ? t('delta.same')
          : null;
  const judged = (metric: PeriodMetric, kind: 'count' | 'ratio', polarity: Polarity) => {
    const text = delta(metric, kind);
    if (!before || text === null) return { delta: text, verdict: null };
    const c = change(now.kpis[metric].value, before.kpis[metric].value, polarity);
    const word = verdictWord(c.verdict);
    // The word as well as the colour, for readers who cannot tell red from green.
    return { delta: word ? `${text} · ${word}` : text, verdict: c.verdict };
  };
  const delta = (metric: PeriodMetric, kind: 'count' | 'ratio') => {
    if (!before) return null;
    const a = now.kpis[metric].value;
    const b = before.kpis[metric].value;
    if (kind === 'ratio') {
      if (a === null || b === null) return t('review.delta.none');
      const pp = (a - b) * 100;
      return t('review.delta.points', { value: `${pp >= 0 ? '+' : ''}${formatNumber(pp, intl, 2)}` });
    }
    const r = relativeChange(a, b);
    if (r === null) return t('review.delta.none');
    return t('review.delta.relative', { value: `${r >= 0 ? '+' : ''}${formatNumber(r * 100, intl, 1)}` });
  };
  const tile = (id: string, metric: PeriodMetric, polarity: Polarity, extra: Partial<TileModel> = {}) => {
    const k = now.kpis[metric];
    // A ratio reads as a percentage and moves by points, as the metric table defines it.
    const kind = METRIC[metric].kind;
    return {
      id,
      label: t(`review.tile.${id}` as Parameters<Translate>[0]),
      value: kind === 'ratio' ? pct(k.value) : formatNumber(k.value, intl),
      ...judged(metric, kind, polarity),
      tone: 'normal' as const,
      provenance: fromEvents(k.provenance),
      ...extra,
    };
  };
  const onTime = now.kpis['dossier.on_time_rate'].value;
  const cat = [...ref.catalogue].reverse().find((c) => c.year <= year) ?? null;
  const catalogueView: ProvenanceView = {
    formula: t('review.prov.catalogue'),
    // The API's source line is English; the UI says the same in its own language.
    source: t('review.prov.catalogueSource'),
    events: null,
    lastEventTsMs: null,
  };
  const catTile = (id: 'level3' | 'level4All', share: number | null, n: number | undefined): TileModel => ({
    id,
    label: t(`review.tile.${id}`),
    value: cat ? pct(share) : '—',
    sub: cat
      ? t('review.tile.catalogueSub', {
          n: formatNumber(n, intl),
          total: formatNumber(cat.total, intl),
          year: cat.year,
        })
      : t('review.noData'),
    delta: null,
    tone: 'normal',
    provenance: catalogueView,
  });
  // The resolution's measure: level 4 among the services eligible for it, against the year's own target.
  const eligible = cat ? level4EligibleShare(cat) : null;
  const goal = cat ? ref.level4Targets.find((g) => g.year === cat.year) : undefined;
  const level4Tile: TileModel = {
    id: 'level4',
    label: t('review.tile.level4'),
    value: cat ? pct(eligible) : '—',
    sub: cat
      ? [
          t('review.tile.eligibleSub', {
            n: formatNumber(cat.level4, intl),
            eligible: formatNumber(cat.eligibleLevel4, intl),
            year: cat.year,
          }),
          goal
            ? t(
                eligible !== null && eligible >= goal.share
                  ? 'review.tile.goalMet'
                  : 'review.tile.goalMissed',
                {
                  year: goal.year,
                  goal: pct(goal.share),
                },
              )
            : null,
        ]
          .filter(Boolean)
          .join('; ')
      : t('review.noData'),
    delta: null,
    tone: 'normal',
    provenance: { ...catalogueView, formula: t('review.prov.eligible') },
  };
  return [
    tile('online', 'dossier.online_submitted', 'higherIsBetter', { sub: t('unit.dossiers') }),
    tile('onlineShare', 'dossier.online_share', 'higherIsBetter'),
    tile('onTime', 'dossier.on_time_rate', 'higherIsBetter', {
      sub: t('review.tile.onTimeTarget'),
      tone: onTime !== null && onTime < 0.99 ? 'alert' : 'normal',
    }),
    tile('late', 'dossier.late_resolved', 'lowerIsBetter', { sub: t('unit.dossiers') }),
    dueSoonTile(t, intl, deadlines),
    tile('payment', 'dossier.online_payment_share', 'higherIsBetter'),
    // The post carried dossiers through the lockdown: more of it is neither good nor bad in itself.
    tile('postal', 'dossier.postal_share', 'neutral'),
    level4Tile,
    catTile('level4All', cat ? level4CatalogueShare(cat) : null, cat?.level4),
    catTile('level3', cat ? level3CatalogueShare(cat) : null, cat?.level3),
    {
      id: 'par',
      label: t('review.tile.par'),
      value: pct(ref.parIndex.score),
      sub: t('review.tile.parRank', {
        rank: ref.parIndex.rank,
        of: ref.parIndex.of,
        year: ref.parIndex.year,
      }),
      delta: null,
      tone: 'normal',
      provenance: {
        formula: t('review.prov.par'),
        source: t('review.prov.parSource', {
          year: ref.parIndex.year,
          score: pct(ref.parIndex.score),
          rank: ref.parIndex.rank,
          of: ref.parIndex.of,
        }),
        events: null,
        lastEventTsMs: null,
      },
    },
  ];
}

/** Open dossiers by deadline come from their own, slower request: the tile waits for it alone. */
function dueSoonTile(t: Translate, intl: string, r: Resource<DeadlineKpis>): TileModel {
  const base = { id: 'dueSoon', label: t('review.tile.dueSoon'), delta: null };
  if (r.status !== 'ok')
    return {
      ...base,
      value: r.status === 'loading' ? '…' : '—',
      sub: r.status === 'loading' ? t('review.loading') : t('review.loadError', { message: r.message }),
      tone: r.status === 'error' ? 'alert' : 'normal',
      provenance: { formula: '', source: '', events: null, lastEventTsMs: null },
    };
  const d = r.data;
  return {
    ...base,
    value: formatNumber(d.dueSoon, intl),
    sub: t('review.tile.overdueOpen', { n: formatNumber(d.overdueOpen, intl) }),
    tone: d.overdueOpen > 0 ? 'alert' : 'normal',
    provenance: fromEvents(d.provenance),
  };
}
