export { Sandbox, startSandbox, type SandboxOptions, type SendOptions } from './sandbox';
export {
  apiDirectory,
  storeDirectory,
  connectSandboxChannels,
  SANDBOX_NAME_PREFIX,
  type ChannelDirectory,
} from './connect';
export { SANDBOX_PLATFORMS, type SandboxPlatform } from './accounts';
export { DEFAULT_MIX, composePost, type TrafficMix } from './traffic';
export type { TranscriptEntry } from './transcript';
