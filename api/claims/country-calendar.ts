import Holidays from 'date-holidays';

// A deadline runs in one country: that country's public holidays are not business days, and
// its days begin and end on its own clock. Both come from date-holidays, a maintained data set
// of national holidays (only its type 'public': bank, school and observance days do not stop
// a deadline), so no holiday table is written by hand here.

/** ISO 3166-1 alpha-2 codes of the countries whose public holidays and time zone are known. */
export const COUNTRY_CODES: readonly string[] = Object.keys(new Holidays().getCountries()).sort();

/**
 * Claimdesk's customers ship from Spain: a national claim is a Spanish one, and a deadline
 * that runs at an end of the carriage whose country the claim does not name runs here.
 */
export const HOME_COUNTRY = 'ES';

/**
 * date-holidays lists a country's time zones with the capital's first (Europe/Madrid before
 * Atlantic/Canary, Europe/Lisbon before Atlantic/Azores, America/New_York first of the US),
 * and a claim names a country, not a region: the capital's clock is the country's. The one
 * country whose list does not start with its capital's zone is named here.
 */
const CAPITAL_ZONES: Readonly<Record<string, string>> = { CD: 'Africa/Kinshasa' };

/** A calendar day as a Date at UTC midnight: only its year, month, day and weekday are read. */
export type CivilDay = Date;

export class CountryCalendar {
  readonly timeZone: string;
  readonly #holidays: Holidays;
  readonly #holidaysByYear = new Map<number, Array<{ start: number; end: number }>>();
  /** Whether each day asked about is a holiday: a deadline walks the same weeks for every claim. */
  readonly #isHolidayByDay = new Map<number, boolean>();
  readonly #clock: Intl.DateTimeFormat;
  /**
   * The clocks' offset from UTC (ms) per UTC day (days since the epoch) in which it does not
   * change: reading a clock through Intl costs ~30 µs, and a page of claims asks it for each
   * claim (their liability limits' rate days).
   */
  readonly #offsetByDay = new Map<number, number>();

  constructor(country: string) {
    this.#holidays = new Holidays(country, { types: ['public'] });
    const timeZone = CAPITAL_ZONES[country] ?? this.#holidays.getTimezones()[0];
    if (!timeZone) throw new RangeError(`No time zone is known for the country ${country}.`);
    this.#holidays.setTimezone(timeZone);
    this.timeZone = timeZone;
    this.#clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The day the country's clocks show at `instant`. */
  dayOf(instant: Date): CivilDay {
    const wall = this.#wallClock(instant.getTime());
    return new Date(wall - (wall % 86_400_000));
  }

  /** The instant the country's clocks show 23:59:59.999 on `day`. */
  endOf(day: CivilDay): Date {
    return this.#instantAt(day.getTime() + 86_400_000 - 1);
  }

  /**
   * Whether `day` is a public holiday. A holiday is a span of instants (some begin at the
   * previous sunset, some last several days); the day is one when its noon falls in a span.
   */
  isPublicHoliday(day: CivilDay): boolean {
    let holiday = this.#isHolidayByDay.get(day.getTime());
    if (holiday === undefined) {
      const noon = this.#instantAt(day.getTime() + 43_200_000).getTime();
      holiday = this.#holidaysOf(day.getUTCFullYear()).some((span) => span.start <= noon && noon < span.end);
      this.#isHolidayByDay.set(day.getTime(), holiday);
    }
    return holiday;
  }

  #holidaysOf(year: number) {
    let holidays = this.#holidaysByYear.get(year);
    if (!holidays) {
      // The previous year's too: a holiday that began on its last evening reaches into this one.
      holidays = [...this.#holidays.getHolidays(year - 1), ...this.#holidays.getHolidays(year)].map((holiday) => ({
        start: holiday.start.getTime(),
        end: holiday.end.getTime(),
      }));
      this.#holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  /** The country's wall-clock time at `instant`, written as if it were UTC. */
  #wallClock(instant: number): number {
    const day = Math.floor(instant / 86_400_000);
    let offset = this.#offsetByDay.get(day);
    if (offset === undefined) {
      // The same offset at a day's first and last millisecond is the offset all day long: clocks
      // change at most once a day. On the day they change, each instant is read on its own.
      const first = day * 86_400_000;
      const last = first + 86_399_999;
      offset = this.#readClock(first) - first;
      if (this.#readClock(last) - last !== offset) return this.#readClock(instant);
      this.#offsetByDay.set(day, offset);
    }
    return instant + offset;
  }

  /** The country's wall-clock time at `instant`, read through Intl. */
  #readClock(instant: number): number {
    const part = Object.fromEntries(this.#clock.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
    return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!) + (instant % 1000);
  }

  /**
   * The instant at which the country's clocks show `wall` (a wall-clock time written as UTC).
   * The offset is read once at a guess and again at the answer, which settles a change of
   * summer time between the two.
   */
  #instantAt(wall: number): Date {
    const guess = wall - (this.#wallClock(wall) - wall);
    return new Date(wall - (this.#wallClock(guess) - guess));
  }
}

const calendars = new Map<string, CountryCalendar>();

/** The calendar of a country in COUNTRY_CODES, built once per process. */
export function calendarOf(country: string): CountryCalendar {
  let calendar = calendars.get(country);
  if (!calendar) {
    calendar = new CountryCalendar(country);
    calendars.set(country, calendar);
  }
  return calendar;
}
