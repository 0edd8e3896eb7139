export * from './quiet-hours';
export * from './iso-week';
export * from './reminder-keys';
export * from './reminder-templates';
export * from './unsubscribe-token';
export * from './invitation-templates';
export * from './sms';
export * from './mandate-notices';
