// A web-test-runner command for the input sendMouse cannot give: touch and pen.
// Chromium makes real pointer events of them (pointerType "touch" and "pen"),
// through the DevTools protocol's Input domain on the test's own page.
const sessions = new WeakMap();
/** Pages whose pen is pressed: a pen move then carries the button, as a real stroke does. */
const penDown = new WeakSet();

async function cdp(page) {
  let client = sessions.get(page);
  if (!client) {
    client = await page.createCDPSession();
    sessions.set(page, client);
  }
  return client;
}

const PEN = { down: 'mousePressed', move: 'mouseMoved', up: 'mouseReleased' };
const TOUCH = { down: 'touchStart', move: 'touchMove', up: 'touchEnd' };

/** `executeServerCommand('send-pointer', { pointer: 'touch' | 'pen', type: 'down' | 'move' | 'up', position: [x, y] })` */
export function pointerPlugin() {
  return {
    name: 'kith-send-pointer',
    async executeCommand({ command, payload, session }) {
      if (command !== 'send-pointer') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('send-pointer needs the Chrome launcher (puppeteer)');
      const page = session.browser.getPage(session.id);
      const client = await cdp(page);
      const [x, y] = payload.position;
      if (payload.pointer === 'touch') {
        await client.send('Input.dispatchTouchEvent', { type: TOUCH[payload.type], touchPoints: payload.type === 'up' ? [] : [{ x, y }] });
      } else if (payload.pointer === 'pen') {
        if (payload.type === 'down') penDown.add(page);
        if (payload.type === 'up') penDown.delete(page);
        const buttons = penDown.has(page) ? 1 : 0;
        await client.send('Input.dispatchMouseEvent', { type: PEN[payload.type], x, y, button: payload.type === 'move' && !buttons ? 'none' : 'left', buttons, clickCount: 1, pointerType: 'pen' });
      } else {
        throw new Error(`send-pointer: unknown pointer ${payload.pointer}`);
      }
      return true;
    },
  };
}
