export * from './topology';
export * from './settings';
export { renderNginxConf, type NginxOptions } from './nginx-conf';
export { runMain, type StopProgram } from './process-main';
export { serveHttp, type ServeHttpOptions } from './serve-http';
export { resolveTokenChecks, type ResolveOptions, type TokenChecks } from './sign-in/token-checks';
export { SignInMethod } from './sign-in/sign-in-method';
export { DEV_SIGN_IN_ROLES, type DevSignInChoices } from './sign-in/dev-sign-in.choices';
export { openEventStore, runServiceProcess, runWriterProcess, type HostedService, type ServiceContext } from './service-process';
export { Writer, defineWriter, writerModule, type WriterDefinition, type WriterHost, type WriterResources } from './writer';
export { ManagedProcess, freePort, freePorts, type ManagedProcessOptions } from './launcher/managed-process';
export { READER_ROLE, WRITER_ROLES, postgresStoreSettings, preparePostgresStores, storesUrlAs, type PostgresStores } from './launcher/postgres-stores';
export { CONSOLE_DIST, DistributedSystem, REPO_ROOT, nginxBinary, serviceStartCommand, type DistributedSystemOptions } from './launcher/distributed-system';
export { yamlText, yamlString, type YamlDocument, type YamlStyle } from './render/yaml-text';
export {
  deploymentPlan,
  inSettingsOrder,
  kurrentdbUrl,
  proxyUpstreams,
  MONGODB_URL,
  SECRET_NAME,
  SETTINGS_CONFIG_MAP,
  type DeployedSetting,
  type DeploymentPlan,
  type ServicePlan,
  type SettingName,
} from './render/deployment-plan';
export { renderCompose, KAFKA_IMAGE, KURRENTDB_IMAGE, MONGODB_IMAGE, NGINX_CONF_FILE, NGINX_CONF_MOUNT } from './render/compose';
export { renderK8sManifests } from './render/k8s-manifests';
export { renderDeploymentFiles, COMPOSE_FILE, K8S_DIR } from './render/deployment-files';
export { GENERATED_NOTICE, RENDER_COMMAND } from './render/generated';
export { reloadCalendarOnHangUp } from './working-calendar-reload';
export { CatalogueFollower } from './catalogue-follower';
export { readSideLookups } from './read-side-lookups';
