import { runBackupCommand } from './backup-cli';

runBackupCommand('restore');
