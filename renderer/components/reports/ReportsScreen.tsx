import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, formatCount, formatDate, formatMinutesSeconds, formatMoney } from '../../../common/i18n/format.js';
import type { Language } from '../../../common/i18n/languages.js';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import type { BoardServiceReport, MoneyTotal, ServiceFigures } from '../../../common/reports.js';
import { KitchenApiError } from '../../api/kitchen-api-error.js';
import { useErrorText } from '../../i18n/error-text.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { boardTimeZone, REPORT_PERIODS, reportQuery, type ReportPeriod } from '../../state/report-range.js';
import { BarChart, type BarSeries } from './BarChart.js';
import { PrintDaySummary } from './PrintDaySummary.js';
import { PinGate } from '../pin/PinGate.js';

const PERIODS = Object.keys(REPORT_PERIODS) as ReportPeriod[];
const COLORS = { p50: '#4dabf7', p90: '#f59f00' } as const;
const HOURS = Array.from({ length: 24 }, (_hour, hour) => hour);
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

type Loaded = { status: 'loading' } | { status: 'loaded'; data: BoardServiceReport } | { status: 'failed'; error: { code: string; message: string } };

interface ReportsScreenProps {
  api: KitchenApi;
  /** Now, as the board's clock says (tests drive it). */
  now?: () => number;
}

/**
 * Speed of service (docs/reports.md): today, the last 7 or 30 days of the restaurant's local days,
 * as the backend computes them from its event log. Asked of the agent (which holds the token) when
 * the tab opens and when the period changes; offline it says why and offers to try again.
 */
export function ReportsScreen(props: ReportsScreenProps) {
  // Behind the settings PIN when one is set (issue 22): the agent refuses reports otherwise.
  return (
    <PinGate api={props.api}>
      <ServiceReports {...props} />
    </PinGate>
  );
}

function ServiceReports({ api, now = Date.now }: ReportsScreenProps) {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  const errorText = useErrorText();
  const [period, setPeriod] = useState<ReportPeriod>('today');
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setLoaded({ status: 'loading' });
    api.serviceReport(reportQuery(period, now(), boardTimeZone())).then(
      (data) => current && setLoaded({ status: 'loaded', data }),
      (error: unknown) => {
        if (!current) return;
        const body = error instanceof KitchenApiError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) };
        setLoaded({ status: 'failed', error: body });
      },
    );
    return () => {
      current = false;
    };
  }, [api, period, attempt, now]);

  return (
    <div className="reports" data-testid="reports">
      <div className="report-periods" role="group" aria-label={t('range.label')}>
        {PERIODS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === period ? 'report-period report-period-active' : 'report-period'}
            aria-pressed={name === period}
            data-testid={`report-period-${name}`}
            onClick={() => setPeriod(name)}
          >
            {t(`range.${name}`)}
          </button>
        ))}
        <PrintDaySummary api={api} now={now} />
      </div>
      {loaded.status === 'loading' ? <p className="report-note" data-testid="report-loading">{t('loading')}</p> : null}
      {loaded.status === 'failed' ? (
        <div className="report-failed" role="alert" data-testid="report-failed" data-code={loaded.error.code}>
          <p>{t('failed', { message: errorText(loaded.error).summary })}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)} data-testid="report-retry">
            {t('retry')}
          </button>
        </div>
      ) : null}
      {loaded.status === 'loaded' ? <ReportBody data={loaded.data} language={language} /> : null}
    </div>
  );
}

function ReportBody({ data, language }: { data: BoardServiceReport; language: Language }) {
  const { t } = useTranslation('reports');
  const { report, late } = data;
  const { totals } = report;
  const count = (value: number) => formatCount(language, value);
  const duration = (seconds: number | null) => formatMinutesSeconds(language, seconds);
  const money = (amounts: MoneyTotal[]) => (amounts.length === 0 ? '—' : amounts.map((entry) => formatMoney(language, entry.amount, entry.currency)).join(' · '));
  const formatMinutes = useCallback((value: number) => formatCount(language, value, 1), [language]);

  const hourChart = useMemo(() => {
    const byHour = new Map(totals.byHour.map((entry) => [entry.hour, entry]));
    const hours = HOURS.filter((hour) => byHour.has(hour));
    const series: BarSeries[] = [{ label: t('charts.median'), color: COLORS.p50, values: hours.map((hour) => minutes(byHour.get(hour)?.prepSeconds.p50 ?? null)) }];
    return { categories: hours.map((hour) => formatClock(language, new Date(Date.UTC(2000, 0, 1, hour)), { timeZone: 'UTC' })), series };
  }, [totals.byHour, language, t]);

  const stationChart = useMemo(() => {
    const series: BarSeries[] = [
      { label: t('charts.median'), color: COLORS.p50, values: totals.byStation.map((entry) => minutes(entry.prepSeconds.p50)) },
      { label: t('charts.p90'), color: COLORS.p90, style: 'points', values: totals.byStation.map((entry) => minutes(entry.prepSeconds.p90)) },
    ];
    return { categories: totals.byStation.map((entry) => entry.station), series };
  }, [totals.byStation, t]);

  return (
    <>
      <dl className="report-totals" data-testid="report-totals">
        <Figure name="orders" label={t('totals.orders')} value={count(totals.orders)} />
        <Figure name="completed" label={t('totals.completed')} value={count(totals.completed)} />
        <Figure name="cancelled" label={t('totals.cancelled')} value={count(totals.cancelled)} />
        <Figure name="late" label={t('totals.late', { minutes: report.lateMinutes })} value={count(totals.late)} />
        <Figure name="p50" label={t('totals.prepP50')} value={duration(totals.prepSeconds.p50)} />
        <Figure name="p90" label={t('totals.prepP90')} value={duration(totals.prepSeconds.p90)} />
        <Figure name="revenue" label={t('totals.revenue')} value={money(totals.revenue)} />
      </dl>
      <div className="report-charts">
        <section className="report-panel">
          <h2>{t('charts.byHour')}</h2>
          {hourChart.categories.length === 0 ? (
            <p className="report-note">{t('charts.empty')}</p>
          ) : (
            <BarChart testId="report-chart-hours" categories={hourChart.categories} series={hourChart.series} unit={t('charts.minutes')} formatValue={formatMinutes} />
          )}
        </section>
        <section className="report-panel">
          <h2>{t('charts.byStation')}</h2>
          {stationChart.categories.length === 0 ? (
            <p className="report-note">{t('charts.empty')}</p>
          ) : (
            <BarChart testId="report-chart-stations" categories={stationChart.categories} series={stationChart.series} unit={t('charts.minutes')} formatValue={formatMinutes} />
          )}
        </section>
      </div>
      <div className="report-tables">
        <section className="report-panel">
          <h2>{t('days.title')}</h2>
          <DaysTable days={report.days} language={language} />
        </section>
        <section className="report-panel">
          <h2>{t('late.title')}</h2>
          {late.orders.length === 0 ? (
            <p className="report-note" data-testid="report-late-none">{t('late.none')}</p>
          ) : (
            <table className="report-table" data-testid="report-late">
              <thead>
                <tr>
                  <th>{t('late.number')}</th>
                  <th>{t('late.submitted')}</th>
                  <th>{t('late.prep')}</th>
                </tr>
              </thead>
              <tbody>
                {late.orders.map((order) => (
                  <tr key={order.orderId} data-testid={`report-late-${order.number}`}>
                    <td>{order.number}</td>
                    <td>
                      {formatDate(language, new Date(order.submittedAt), late.tz)} {formatClock(language, new Date(order.submittedAt), { timeZone: late.tz })}
                    </td>
                    <td className="report-number">{duration(order.prepSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}

function Figure({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className="report-figure" data-testid={`report-total-${name}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** A report's local day (YYYY-MM-DD) in the language: read at noon UTC and written in UTC, it cannot shift a day. */
function formatDay(language: Language, date: string): string {
  return formatDate(language, new Date(`${date}T12:00:00Z`), 'UTC');
}

function DaysTable({ days, language }: { days: (ServiceFigures & { date: string })[]; language: Language }) {
  const { t } = useTranslation('reports');
  const count = (value: number) => formatCount(language, value);
  // Newest first: today's row is the one staff look for.
  const rows = [...days].reverse();
  return (
    <table className="report-table" data-testid="report-days">
      <thead>
        <tr>
          <th>{t('days.date')}</th>
          <th>{t('days.orders')}</th>
          <th>{t('days.completed')}</th>
          <th>{t('days.cancelled')}</th>
          <th>{t('days.late')}</th>
          <th>{t('days.p50')}</th>
          <th>{t('days.p90')}</th>
          <th>{t('days.revenue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((day) => (
          <tr key={day.date} data-testid={`report-day-${day.date}`}>
            <td>{formatDay(language, day.date)}</td>
            <td className="report-number">{count(day.orders)}</td>
            <td className="report-number">{count(day.completed)}</td>
            <td className="report-number">{count(day.cancelled)}</td>
            <td className="report-number">{count(day.late)}</td>
            <td className="report-number">{formatMinutesSeconds(language, day.prepSeconds.p50)}</td>
            <td className="report-number">{formatMinutesSeconds(language, day.prepSeconds.p90)}</td>
            <td className="report-number">{day.revenue.map((entry) => formatMoney(language, entry.amount, entry.currency)).join(' · ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
