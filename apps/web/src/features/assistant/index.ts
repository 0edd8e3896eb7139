export { AssistantLauncher } from './assistant-launcher';
