import { useEffect, useState } from 'react';
import { SensorKind } from '../../../../protocol/sensor-kind';
import { useT } from '../../../i18n/use-t';
import { useStore } from '../../../store/store';
import { KindRuleRow } from './KindRuleRow';
import { RulesOutcome } from './RulesOutcome';
import { SiteThresholdRow } from './SiteThresholdRow';
import { ruleProblemText } from './rule-problem-text';
import { useRulesEditorStore } from './rules-editor.store';
import './rules-editor.css';

/**
 * The alert rules in force, edited in the console: thresholds, dead bands, on- and off-delays and priorities per
 * sensor kind, and thresholds per site. The draft is checked with the protocol's `AlertRules` (the schema of the
 * rules file and of the server's route) before it is sent; the server logs each change as an event, so live and
 * replay apply it from that point of the log, and audits who made it. Enter in any field applies.
 */
export default function RulesEditor() {
  const { t, intl } = useT();
  const { status, draft, problems, saving, loadError } = useRulesEditorStore();
  const { load, editKind, editSite, addSite, removeSite, revert, save } = useRulesEditorStore.getState();
  const sites = useStore((s) => s.feed.state?.sites);
  const [newSite, setNewSite] = useState('');
  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error')
    return (
      <p role="alert" data-testid="rules-load-error">
        {t('rules.loadError', { message: loadError ?? '' })}
      </p>
    );
  if (!draft)
    return (
      <p role="status" className="route-loading">
        {t('rules.loading')}
      </p>
    );
  const rowProblems = (row: string) => problems.filter((p) => p.row === row);
  const general = rowProblems('rules');
  return (
    <form
      className="rules-editor"
      data-testid="rules-editor"
      aria-labelledby="rules-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p className="rules-editor__intro">{t('rules.intro')}</p>
      <table className="rules-table">
        <thead>
          <tr>
            <th scope="col">{t('rules.col.kind')}</th>
            <th scope="col">{t('rules.col.off')}</th>
            <th scope="col">{t('rules.col.warning')}</th>
            <th scope="col">{t('rules.col.alarm')}</th>
            <th scope="col">{t('rules.col.clear')}</th>
            <th scope="col">{t('rules.col.onDelay')}</th>
            <th scope="col">{t('rules.col.offDelay')}</th>
            <th scope="col">{t('rules.col.priority')}</th>
            <th scope="col">{t('rules.col.problems')}</th>
          </tr>
        </thead>
        <tbody>
          {SensorKind.options.map((kind) => (
            <KindRuleRow
              key={kind}
              kind={kind}
              draft={draft.kinds[kind]}
              problems={rowProblems(`kind:${kind}`)}
              onChange={(patch) => editKind(kind, patch)}
            />
          ))}
        </tbody>
      </table>
      <h3>{t('rules.sites')}</h3>
      {draft.sites.length === 0 ? <p>{t('rules.sites.none')}</p> : null}
      <table className="rules-table" data-testid="site-rules">
        <tbody>
          {draft.sites.map((s, i) => {
            const kind = sites?.[s.siteId.trim()]?.kind;
            return (
              <SiteThresholdRow
                key={i}
                index={i}
                draft={s}
                kindName={kind ? t(`sensor.kind.${kind}`) : null}
                problems={rowProblems(`site:${i}`)}
                onChange={(patch) => editSite(i, patch)}
                onRemove={() => removeSite(i)}
              />
            );
          })}
        </tbody>
      </table>
      <div className="rules-editor__add">
        <input
          aria-label={t('rules.site.new')}
          placeholder={t('rules.site.new')}
          list="rules-known-sites"
          value={newSite}
          maxLength={64}
          onChange={(e) => setNewSite(e.target.value)}
          onKeyDown={(e) => {
            // Enter here adds the site; it must not apply the whole rule set by surprise.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (newSite.trim() === '') return;
            addSite(newSite.trim());
            setNewSite('');
          }}
          data-testid="site-rule-new"
        />
        <datalist id="rules-known-sites">
          {Object.keys(sites ?? {}).map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <button
          type="button"
          disabled={newSite.trim() === ''}
          onClick={() => {
            addSite(newSite.trim());
            setNewSite('');
          }}
          data-testid="site-rule-add"
        >
          {t('rules.site.add')}
        </button>
      </div>
      {problems.length > 0 ? (
        <div role="alert" className="rules-editor__problems" data-testid="rules-problems">
          <p>{t('rules.problems', { n: problems.length })}</p>
          {general.map((p, i) => (
            <p key={i}>{ruleProblemText(p, t, intl)}</p>
          ))}
        </div>
      ) : null}
      <div className="rules-editor__actions">
        <button type="submit" disabled={saving} data-testid="rules-save">
          {saving ? t('rules.saving') : t('rules.save')}
        </button>
        <button type="button" onClick={revert} data-testid="rules-revert">
          {t('rules.revert')}
        </button>
        <RulesOutcome />
      </div>
    </form>
  );
}
