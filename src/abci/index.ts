/** The ABCI 2.0 socket server: see README.md. */
export { AbciServer } from './server';
export type { AbciServerOptions } from './server';
export { BASE_APPLICATION, completeApplication } from './application';
export type { Application, AppRequestType, CompleteApplication, MaybePromise, RequestType } from './application';
export { FATAL_ON_ERROR } from './dispatch';
export { MAX_MESSAGE_BYTES } from './framing';
export { silentLogger } from './logger';
export type { Logger } from './logger';
export { AbciClient } from './client';
