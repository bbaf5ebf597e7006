// Listed in order, explicitly: a bundler cannot break an import list the way it breaks a glob.
import { InitialSchema1795238219575 } from './1795238219575-InitialSchema';
import { SeedRegionsAndIndexes1795238220575 } from './1795238220575-SeedRegionsAndIndexes';
import { RemindersAndNotifications1795600000000 } from './1795600000000-RemindersAndNotifications';
import { LiveAttendanceAndQa1795700000000 } from './1795700000000-LiveAttendanceAndQa';
import { Selection1795800000000 } from './1795800000000-Selection';
import { MarkNotificationsSent1795900000000 } from './1795900000000-MarkNotificationsSent';
import { LiveRosterNotify1796000000000 } from './1796000000000-LiveRosterNotify';
import { DeliveryClaimants1796040000000 } from './1796040000000-DeliveryClaimants';
import { RefreshTokenFamilies1796100000000 } from './1796100000000-RefreshTokenFamilies';
import { VideoRooms1796300000000 } from './1796300000000-VideoRooms';
import { InvitationsAndCertificates1796500000000 } from './1796500000000-InvitationsAndCertificates';
import { Engagement1796600000000 } from './1796600000000-Engagement';
import { TraceContextAndBacklogIndex1796650000000 } from './1796650000000-TraceContextAndBacklogIndex';
import { RoomRelays1796700000000 } from './1796700000000-RoomRelays';
import { SpeakerPhotos1796760000000 } from './1796760000000-SpeakerPhotos';

export const MIGRATIONS = [
  InitialSchema1795238219575,
  SeedRegionsAndIndexes1795238220575,
  RemindersAndNotifications1795600000000,
  LiveAttendanceAndQa1795700000000,
  Selection1795800000000,
  MarkNotificationsSent1795900000000,
  LiveRosterNotify1796000000000,
  DeliveryClaimants1796040000000,
  RefreshTokenFamilies1796100000000,
  VideoRooms1796300000000,
  InvitationsAndCertificates1796500000000,
  Engagement1796600000000,
  TraceContextAndBacklogIndex1796650000000,
  RoomRelays1796700000000,
  SpeakerPhotos1796760000000,
];
