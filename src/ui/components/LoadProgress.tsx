import { useI18n } from '../i18n';
import type { ReadProgress } from '../services';

/** Per resource type, what the read has reached while the record loads. */
export function LoadProgress({ progress, engineReady }: { progress: ReadProgress[]; engineReady: boolean }) {
  const { t, entries } = useI18n();
  return (
    <section className="panel loading" aria-labelledby="loading-title" aria-busy="true" data-testid="progress">
      <h2 id="loading-title">{t.readingRecord}</h2>
      <ul className="progress-list">
        {progress.map((p) => (
          <li key={p.type} className={`read read-${p.state}`} data-type={p.type} data-state={p.state}>
            <span className="read-type">{t.typeLabels[p.type]}</span>
            <span className="read-state">
              {p.state === 'loading' ? t.readStates.loading : `${t.readStates[p.state]} · ${entries(p.count)}`}
            </span>
          </li>
        ))}
        {!engineReady && (
          <li className="read read-loading">
            <span className="read-type">{t.loadingEngine}</span>
            <span className="read-state">{t.readStates.loading}</span>
          </li>
        )}
      </ul>
    </section>
  );
}
