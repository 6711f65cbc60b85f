// Registers every Kith element. Import single `*/define.js` files instead to ship less.
import './contact-card/define.js';
import './crm/define.js';
import './kpi-board/define.js';
import './import/define.js';
import './lead-form/define.js';
import './lifecycle-badge/define.js';
import './pipeline-board/define.js';
import './task-list/define.js';
import './timeline/define.js';
