import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTray, resetElectronMock, type FakeNativeImage } from '../test/electron-mock.js';
import { connectionLabel, createTrayController, trayToolTip, type DesktopToggle } from './tray.js';

const ICONS = { initial: '/i/tray.png', live: '/i/tray-live.png', polling: '/i/tray-polling.png', offline: '/i/tray-offline.png' };

beforeEach(() => resetElectronMock());

function setup() {
  const events: string[] = [];
  const toggles: Array<[DesktopToggle, boolean]> = [];
  const controller = createTrayController({
    icons: ICONS,
    desktop: { startAtLogin: false, kiosk: true },
    onShow: () => events.push('show'),
    onQuit: () => events.push('quit'),
    onToggle: (setting, enabled) => toggles.push([setting, enabled]),
  });
  const tray = FakeTray.instances[0];
  if (!tray) throw new Error('no tray');
  const menu = () => {
    if (!tray.contextMenu) throw new Error('no menu');
    return tray.contextMenu;
  };
  return { controller, tray, menu, events, toggles };
}

describe('tray', () => {
  it('starts neutral, with Show and Quit', () => {
    const { tray, menu, events } = setup();
    expect((tray.image as FakeNativeImage).path).toBe(ICONS.initial);
    expect(tray.toolTip).toBe('TicketRail');
    expect(menu().items.map((i) => i.label).filter(Boolean)).toEqual(['Connection: starting…', 'Show board', 'Start at login', 'Kiosk mode', 'Quit TicketRail']);
    menu().click('show');
    menu().click('quit');
    tray.emit('click');
    expect(events).toEqual(['show', 'quit', 'show']);
  });

  it('shows the connection state in tooltip, menu label and icon', () => {
    const { controller, tray, menu } = setup();
    controller.setConnection({ mode: 'polling', lastSeq: 4 });
    expect(tray.toolTip).toBe('TicketRail — polling (realtime link down)');
    expect(menu().items[0]).toMatchObject({ label: 'Connection: polling (realtime link down)', enabled: false });
    expect((tray.image as FakeNativeImage).path).toBe(ICONS.polling);
    controller.setConnection({ mode: 'live', lastSeq: 5 });
    expect((tray.image as FakeNativeImage).path).toBe(ICONS.live);
    expect(connectionLabel({ mode: 'offline', lastSeq: 0 })).toBe('Connection: offline');
    expect(trayToolTip(undefined)).toBe('TicketRail');
  });

  it('checkboxes reflect and toggle the desktop settings', () => {
    const { controller, menu, toggles } = setup();
    expect(menu().items.find((i) => i.id === 'kiosk')).toMatchObject({ type: 'checkbox', checked: true });
    menu().click('startAtLogin');
    menu().click('kiosk');
    expect(toggles).toEqual([
      ['startAtLogin', true],
      ['kiosk', false],
    ]);
    controller.setDesktop({ startAtLogin: true, kiosk: false });
    expect(menu().items.find((i) => i.id === 'startAtLogin')).toMatchObject({ checked: true });
  });

  it('destroy removes the icon once', () => {
    const { controller, tray } = setup();
    controller.destroy();
    controller.destroy();
    expect(tray.destroyed).toBe(true);
  });
});
