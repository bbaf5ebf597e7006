import { http } from '../api/http';
import { Loading } from '../components/ui';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { PublicError } from './public-ui';
import type { PageOf, PublicProgram } from './public-types';
import { usePublicI18n } from './public-i18n';

/** The published programs, for anybody. */
export function ProgramsPage() {
  const { p, pick } = usePublicI18n();
  const programs = useAsync(
    () => http.get<PageOf<PublicProgram>>('/public/programs?pageSize=100', { anonymous: true }),
    [],
  );
  return (
    <section className="card">
      <h1>{p('pub.programs.title')}</h1>
      <p>{p('pub.programs.intro')}</p>
      <p>
        <Link to="/schedule">{p('pub.programs.toSchedule')}</Link>
      </p>
      {programs.loading && !programs.data && <Loading />}
      <PublicError error={programs.error} onRetry={programs.reload} />
      {programs.data && programs.data.items.length === 0 && <p>{p('pub.programs.none')}</p>}
      <ul className="list">
        {programs.data?.items.map((prog) => (
          <li key={prog.id} className="list-item">
            <div className="list-main">
              <Link to={`/programs/${prog.id}`}>
                <strong>{pick(prog.title)}</strong>
              </Link>
              {pick(prog.description) && <span className="meta">{pick(prog.description)}</span>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
