import type { Clock } from '@whistle/kernel';
import { loadWorkingCalendar, type OfficeCalendar } from '@whistle/catalogue';

interface CalendarLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * SIGHUP reads WORKING_CALENDAR_FILE again, so the office adds a year's holidays without a
 * restart. A file that does not load leaves the calendar in use as it was, and says why. Returns
 * the function that stops listening.
 */
export function reloadCalendarOnHangUp(calendar: OfficeCalendar, file: string | undefined, logger: CalendarLogger, clock: Clock): () => void {
  const reload = () => {
    try {
      calendar.replaceWith(loadWorkingCalendar(file));
      logger.info(`the working calendar was read again: ${calendar.source}`);
      const warning = calendar.coverageWarning(clock.now());
      if (warning) logger.warn(warning);
    } catch (error) {
      logger.error(`${(error as Error).message}\nthe working calendar in use is kept (${calendar.source})`);
    }
  };
  process.on('SIGHUP', reload);
  return () => void process.off('SIGHUP', reload);
}
