import type { LaunchSession } from '../smart/session';
import { defaultServices } from './defaultServices';
import type { RecordRead } from './recordRead';
import { Workspace } from './Workspace';

/** The app after launch (src/ui/mount.tsx renders it once the SMART session is ready and the reads are out). */
export function App({ session, launchRead }: { session: LaunchSession; launchRead?: RecordRead }) {
  return <Workspace session={session} services={defaultServices} launchRead={launchRead} />;
}
