export * from './issuer';
export * from './issue-certificate';
export * from './coverage-report';
