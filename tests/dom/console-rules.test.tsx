import { fireEvent, render, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSessionStore, useSessionStore } from '../../client/access/session.store';
import { ConsoleScreen } from '../../client/features/console/ConsoleScreen';
import { resetRulesEditorStore } from '../../client/features/console/rules/rules-editor.store';
import { AlertRules, DEFAULT_ALERT_RULES } from '../../protocol';
import { lateAlert, seedAlerts } from './console-fixtures';
import { server } from './msw-server';

/** A stand-in for the server's rules route: it keeps what it was sent and answers as the real one does. */
function fakeRulesRoute(opts: { status?: number } = {}) {
  const fake = { inForce: DEFAULT_ALERT_RULES as AlertRules, posted: [] as unknown[], seq: 4000 };
  server.use(
    http.get('*/api/alarms/rules', () => HttpResponse.json(fake.inForce)),
    http.post('*/api/alarms/rules', async ({ request }) => {
      const body: unknown = await request.json();
      fake.posted.push(body);
      if (opts.status) return HttpResponse.json({ error: 'forbidden' }, { status: opts.status });
      const parsed = AlertRules.safeParse(body);
      if (!parsed.success)
        return HttpResponse.json({ error: 'invalid_payload', details: parsed.error.issues }, { status: 400 });
      fake.inForce = parsed.data;
      fake.seq += 1;
      return HttpResponse.json({ status: 'accepted', seq: fake.seq, rules: fake.inForce });
    }),
  );
  return fake;
}

beforeEach(() => {
  useSessionStore.setState({ status: 'ready', principal: { name: 'quan.tri', role: 'admin' } });
  seedAlerts([lateAlert(1)]);
});
afterEach(() => {
  resetRulesEditorStore();
  resetSessionStore();
});

async function openEditor() {
  render(<ConsoleScreen />);
  fireEvent.click(screen.getByTestId('rules-toggle'));
  return screen.findByTestId('rules-editor');
}
const field = (id: string) => screen.getByTestId<HTMLInputElement>(id);
const type = (id: string, value: string) => fireEvent.change(field(id), { target: { value } });

// The whole console plus a table of some 80 fields: jsdom needs seconds for it on a loaded machine.
describe('alarm rules edited in the console', { timeout: 20_000 }, () => {
  it('shows the rules in force, Vietnamese decimals included, and puts an edited set in force', async () => {
    const fake = fakeRulesRoute();
    await openEditor();
    // Built-in values where the rules name none: the water level's BĐ2/BĐ3 and its 5-reading, 240 s on-delay.
    expect(field('rule-water_level-warning')).toHaveValue('1,6');
    expect(field('rule-water_level-alarm')).toHaveValue('1,8');
    expect(field('rule-water_level-onReadings')).toHaveValue('5');
    expect(field('rule-water_level-onSeconds')).toHaveValue('240');
    expect(field('rule-traffic_flow-off')).toBeChecked();
    expect(screen.getByTestId('rule-water_level-priorityCritical')).toHaveValue('high');

    type('rule-water_level-warning', '1,7');
    type('rule-water_level-clear', '1.5');
    type('rule-water_level-onReadings', '2');
    type('rule-water_level-onSeconds', '');
    fireEvent.change(screen.getByTestId('rule-water_level-priorityCritical'), {
      target: { value: 'critical' },
    });
    type('site-rule-new', 'LA-WL-794-01');
    fireEvent.click(screen.getByTestId('site-rule-add'));
    type('site-rule-0-warning', '1,4');
    type('site-rule-0-alarm', '1,65');
    // Enter in a field applies, as a form does.
    fireEvent.submit(screen.getByTestId('rules-editor'));

    expect(await screen.findByTestId('rules-outcome')).toHaveTextContent(
      'Đã áp dụng: thay đổi ghi ở vị trí 4.001 của nhật ký.',
    );
    // Only what changed is sent; every other kind keeps following the built-in tables.
    expect(fake.posted).toEqual([
      {
        ...DEFAULT_ALERT_RULES,
        sensorThresholds: { water_level: { warning: 1.7, alarm: 1.8, clear: 1.5 } },
        siteThresholds: { 'LA-WL-794-01': { warning: 1.4, alarm: 1.65 } },
        alarms: {
          sensors: { water_level: { onDelay: { readings: 2 }, priority: { critical: 'critical' } } },
        },
      },
    ]);
    // The editor now shows the rules the server answered with.
    expect(field('rule-water_level-warning')).toHaveValue('1,7');
    expect(field('site-rule-0-alarm')).toHaveValue('1,65');
  });

  it('checks the draft with the protocol schema first and says what is wrong where, in Vietnamese', async () => {
    const fake = fakeRulesRoute();
    await openEditor();
    type('rule-water_level-warning', '2');
    type('rule-rainfall-alarm', 'nhiều');
    type('rule-noise-onReadings', '');
    type('rule-noise-onSeconds', '');
    type('rule-pm25-offReadings', '1,5');
    type('site-rule-new', 'trạm có dấu');
    fireEvent.click(screen.getByTestId('site-rule-add'));
    type('site-rule-0-warning', '1');
    type('site-rule-0-alarm', '2');
    fireEvent.click(screen.getByTestId('rules-save'));

    expect(await screen.findByTestId('rules-problems')).toHaveTextContent('Chưa áp dụng: 5 lỗi cần sửa.');
    expect(screen.getByTestId('rule-water_level-problems')).toHaveTextContent(
      'ngưỡng cảnh báo không được cao hơn ngưỡng báo động',
    );
    expect(screen.getByTestId('rule-rainfall-problems')).toHaveTextContent('Ngưỡng báo động: phải là một số');
    expect(field('rule-rainfall-alarm')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('rule-noise-problems')).toHaveTextContent(
      'Trễ bật: độ trễ cần số lần đọc hoặc số giây',
    );
    expect(screen.getByTestId('rule-pm25-problems')).toHaveTextContent('Trễ tắt: phải là số nguyên');
    const site = screen.getByTestId('site-rule-row');
    expect(within(site).getByRole('alert')).toHaveTextContent('mã trạm gồm chữ không dấu');
    expect(fake.posted).toEqual([]);

    // Fixed, the same draft goes through.
    type('rule-water_level-warning', '1,6');
    type('rule-rainfall-alarm', '50');
    type('rule-noise-onReadings', '12');
    type('rule-pm25-offReadings', '6');
    fireEvent.click(screen.getByTestId('site-rule-0-remove'));
    fireEvent.click(screen.getByTestId('rules-save'));
    expect(await screen.findByTestId('rules-outcome')).toHaveAttribute('data-outcome', 'saved');
    expect(screen.queryByTestId('rules-problems')).toBeNull();
    expect(fake.posted).toHaveLength(1);
  });

  it('says so when the server keeps rule changes for administrators', async () => {
    useSessionStore.setState({ status: 'ready', principal: { name: 'truc.ban', role: 'operator' } });
    const fake = fakeRulesRoute({ status: 403 });
    await openEditor();
    type('rule-temperature-warning', '38');
    fireEvent.click(screen.getByTestId('rules-save'));
    expect(await screen.findByTestId('rules-outcome')).toHaveTextContent(
      'Chỉ quản trị viên được sửa quy tắc cảnh báo',
    );
    expect(fake.posted).toHaveLength(1);
    // The draft stays as typed, to apply once someone with the right is there.
    expect(field('rule-temperature-warning')).toHaveValue('38');
    fireEvent.click(screen.getByTestId('rules-revert'));
    await vi.waitFor(() => expect(field('rule-temperature-warning')).toHaveValue('37'));
  });
});
