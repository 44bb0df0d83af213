import { runBackupCommand } from './backup-cli';

runBackupCommand('backup');
