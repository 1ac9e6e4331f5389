import type { LaunchSession } from '../smart/session';
import type { RecordRead } from './recordRead';
import type { Services } from './services';
import { Workspace } from './Workspace';

/** The app after launch (src/ui/mount.tsx renders it once the SMART session is ready and the reads are out). */
export function App({
  session,
  services,
  launchRead,
}: {
  session: LaunchSession;
  /** the launch's own (src/main.ts hands them over), so the screen runs no second copy of them */
  services: Services;
  launchRead?: RecordRead;
}) {
  return <Workspace session={session} services={services} launchRead={launchRead} />;
}
