import { CATALOGUE_SIZE, FIRST_YEAR, LAST_YEAR, LEVEL_COUNTS } from '../reference/service-catalogue';
import { hash } from './rng';

export { CATALOGUE_SIZE, SERVICE_CATALOGUE, type CatalogueYear } from '../reference/service-catalogue';

/** Which level of government handles a procedure; commune- and district-level ones are local to the filer. */
export type Tier = 'province' | 'district' | 'commune';

export interface Procedure {
  /** Code in the style of the national procedure database (`1.00xxxx`, `2.00xxxx`). */
  code: string;
  name: string;
  tier: Tier;
  /** Index into `DEPARTMENTS` for province-tier procedures; -1 otherwise. */
  department: number;
  /** Statutory time limit, working days. */
  statutoryDays: number;
  /** Fee or charge, VND; 0 means no payment event. */
  feeVnd: number;
  /** Relative share of dossiers. */
  popularity: number;
  /** Position in the order procedures were raised to level 4 (lower = earlier). */
  rank: number;
}

/** Provincial departments, with the second group of their agency code (`000.00.NN.H38`). */
export const DEPARTMENTS: readonly { name: string; agencyNo: number }[] = [
  { name: 'Sở Tư pháp', agencyNo: 1 },
  { name: 'Sở Kế hoạch và Đầu tư', agencyNo: 2 },
  { name: 'Sở Tài nguyên và Môi trường', agencyNo: 3 },
  { name: 'Sở Xây dựng', agencyNo: 4 },
  { name: 'Sở Giao thông vận tải', agencyNo: 5 },
  { name: 'Sở Lao động - Thương binh và Xã hội', agencyNo: 6 },
  { name: 'Sở Y tế', agencyNo: 7 },
  { name: 'Sở Giáo dục và Đào tạo', agencyNo: 8 },
  { name: 'Sở Công Thương', agencyNo: 9 },
  { name: 'Sở Nông nghiệp và Phát triển nông thôn', agencyNo: 10 },
  { name: 'Sở Tài chính', agencyNo: 11 },
  { name: 'Sở Nội vụ', agencyNo: 12 },
  { name: 'Sở Văn hóa, Thể thao và Du lịch', agencyNo: 13 },
  { name: 'Sở Thông tin và Truyền thông', agencyNo: 14 },
  { name: 'Sở Khoa học và Công nghệ', agencyNo: 15 },
  { name: 'Ban Quản lý Khu kinh tế', agencyNo: 16 },
];

interface Named {
  name: string;
  tier: Tier;
  dept?: number;
  days: number;
  fee: number;
  pop: number;
  /** Year the procedure reached level 4. */
  l4: number;
}

// The high-volume procedures: civil status and certification at communes, household business and land at
// districts, business registration, criminal records and driving licences at the departments.
const NAMED: readonly Named[] = [
  {
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    tier: 'commune',
    days: 1,
    fee: 6_000,
    pop: 150,
    l4: 2019,
  },
  { name: 'Đăng ký khai sinh', tier: 'commune', days: 1, fee: 0, pop: 70, l4: 2019 },
  { name: 'Đăng ký kết hôn', tier: 'commune', days: 1, fee: 0, pop: 25, l4: 2019 },
  { name: 'Đăng ký khai tử', tier: 'commune', days: 1, fee: 0, pop: 18, l4: 2019 },
  { name: 'Cấp giấy xác nhận tình trạng hôn nhân', tier: 'commune', days: 3, fee: 0, pop: 40, l4: 2019 },
  {
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    tier: 'commune',
    days: 1,
    fee: 10_000,
    pop: 45,
    l4: 2019,
  },
  {
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến bất động sản',
    tier: 'commune',
    days: 2,
    fee: 50_000,
    pop: 30,
    l4: 2021,
  },
  { name: 'Cấp bản sao trích lục hộ tịch', tier: 'commune', days: 1, fee: 8_000, pop: 20, l4: 2019 },
  {
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    tier: 'commune',
    days: 3,
    fee: 15_000,
    pop: 8,
    l4: 2020,
  },
  {
    name: 'Xác nhận đơn đề nghị hỗ trợ người lao động tạm hoãn hợp đồng',
    tier: 'commune',
    days: 2,
    fee: 0,
    pop: 6,
    l4: 2021,
  },
  { name: 'Đăng ký thành lập hộ kinh doanh', tier: 'district', days: 3, fee: 100_000, pop: 35, l4: 2019 },
  {
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    tier: 'district',
    days: 3,
    fee: 50_000,
    pop: 15,
    l4: 2019,
  },
  {
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    tier: 'district',
    days: 15,
    fee: 75_000,
    pop: 22,
    l4: 2020,
  },
  {
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    tier: 'district',
    days: 10,
    fee: 100_000,
    pop: 55,
    l4: 2021,
  },
  {
    name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    tier: 'district',
    days: 30,
    fee: 150_000,
    pop: 18,
    l4: 2021,
  },
  { name: 'Tách thửa hoặc hợp thửa đất', tier: 'district', days: 20, fee: 100_000, pop: 14, l4: 2021 },
  {
    name: 'Đăng ký kết hôn có yếu tố nước ngoài',
    tier: 'district',
    days: 15,
    fee: 1_500_000,
    pop: 2,
    l4: 2020,
  },
  {
    name: 'Giải quyết chế độ trợ cấp xã hội hằng tháng',
    tier: 'district',
    days: 20,
    fee: 0,
    pop: 6,
    l4: 2020,
  },
  {
    name: 'Cấp giấy phép kinh doanh bán lẻ rượu',
    tier: 'district',
    days: 10,
    fee: 200_000,
    pop: 3,
    l4: 2020,
  },
  {
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    tier: 'province',
    dept: 0,
    days: 10,
    fee: 200_000,
    pop: 30,
    l4: 2019,
  },
  {
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    tier: 'province',
    dept: 1,
    days: 3,
    fee: 50_000,
    pop: 4,
    l4: 2019,
  },
  {
    name: 'Đăng ký thành lập công ty TNHH một thành viên',
    tier: 'province',
    dept: 1,
    days: 3,
    fee: 50_000,
    pop: 8,
    l4: 2019,
  },
  {
    name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
    tier: 'province',
    dept: 1,
    days: 3,
    fee: 50_000,
    pop: 12,
    l4: 2019,
  },
  {
    name: 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất',
    tier: 'province',
    dept: 2,
    days: 10,
    fee: 50_000,
    pop: 4,
    l4: 2021,
  },
  {
    name: 'Cấp giấy phép xây dựng công trình',
    tier: 'province',
    dept: 3,
    days: 20,
    fee: 150_000,
    pop: 3,
    l4: 2020,
  },
  {
    name: 'Đổi giấy phép lái xe do ngành giao thông vận tải cấp',
    tier: 'province',
    dept: 4,
    days: 5,
    fee: 135_000,
    pop: 25,
    l4: 2019,
  },
  {
    name: 'Cấp giấy phép lao động cho người nước ngoài',
    tier: 'province',
    dept: 5,
    days: 5,
    fee: 400_000,
    pop: 5,
    l4: 2019,
  },
  {
    name: 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh',
    tier: 'province',
    dept: 6,
    days: 20,
    fee: 360_000,
    pop: 3,
    l4: 2020,
  },
  {
    name: 'Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm',
    tier: 'province',
    dept: 9,
    days: 20,
    fee: 1_000_000,
    pop: 3,
    l4: 2020,
  },
  {
    name: 'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa',
    tier: 'province',
    dept: 12,
    days: 10,
    fee: 3_000_000,
    pop: 1,
    l4: 2020,
  },
  {
    name: 'Xác nhận đăng ký kế hoạch bảo vệ môi trường',
    tier: 'province',
    dept: 2,
    days: 10,
    fee: 0,
    pop: 2,
    l4: 2021,
  },
  {
    name: 'Cấp giấy chứng nhận đăng ký dự án đầu tư',
    tier: 'province',
    dept: 15,
    days: 15,
    fee: 0,
    pop: 2,
    l4: 2021,
  },
];

/** Level-3 and level-4 service counts per year; the rest of the catalogue is level 2. */
function clampYear(year: number): number {
  return Math.min(LAST_YEAR, Math.max(FIRST_YEAR, year));
}

const SECTORS = [
  'Hộ tịch',
  'Đất đai',
  'Xây dựng',
  'Kinh doanh',
  'Lao động',
  'Y tế',
  'Giáo dục',
  'Văn hóa',
  'Nông nghiệp',
  'Môi trường',
];
const TAIL_DAYS = [3, 5, 7, 10, 12, 15, 20, 30];
const TAIL_FEES = [20_000, 50_000, 100_000, 200_000, 500_000];
// The catalogue is a fact of the province, not of a run: it is the same whatever the seed.
const CATALOGUE_SALT = 0x1a2b3c;

function buildProcedures(): Procedure[] {
  const bounds = [0, ...Object.values(LEVEL_COUNTS).map((c) => c.level4), CATALOGUE_SIZE];
  const years = Object.keys(LEVEL_COUNTS).map(Number);
  const slots: (Procedure | null)[] = new Array<Procedure | null>(CATALOGUE_SIZE).fill(null);
  const named = NAMED.map((n, i): Procedure => {
    const tierCode = n.tier === 'province' ? 1 : 2;
    return {
      code: `${tierCode}.${String(1000 + i * 37).padStart(6, '0')}`,
      name: n.name,
      tier: n.tier,
      department: n.dept ?? -1,
      statutoryDays: n.days,
      feeVnd: n.fee,
      popularity: n.pop,
      rank: -1,
    };
  });
  // A named procedure takes the first free rank of the band of the year it reached level 4.
  NAMED.forEach((n, i) => {
    const band = Math.max(0, years.indexOf(n.l4));
    let r = bounds[band]!;
    while (slots[r]) r++;
    named[i]!.rank = r;
    slots[r] = named[i]!;
  });
  const tail: Procedure[] = [];
  const nTail = CATALOGUE_SIZE - named.length;
  const tailPopularity = (NAMED.reduce((s, n) => s + n.pop, 0) * 0.15) / nTail;
  for (let i = 0; i < nTail; i++) {
    const h = hash(CATALOGUE_SALT, i);
    const tierPick = h % 10;
    const tier: Tier = tierPick < 6 ? 'province' : tierPick < 9 ? 'district' : 'commune';
    const department = tier === 'province' ? (h >>> 4) % DEPARTMENTS.length : -1;
    const sector = SECTORS[(h >>> 8) % SECTORS.length]!;
    const code = `${tier === 'province' ? 1 : 2}.${String(100_000 + i * 5 + (h % 5)).padStart(6, '0')}`;
    tail.push({
      code,
      name: `Lĩnh vực ${sector}: thủ tục ${code}`,
      tier,
      department,
      statutoryDays: TAIL_DAYS[(h >>> 12) % TAIL_DAYS.length]!,
      feeVnd: (h >>> 16) % 10 < 4 ? TAIL_FEES[(h >>> 20) % TAIL_FEES.length]! : 0,
      popularity: tailPopularity,
      rank: -1,
    });
  }
  tail.sort(
    (a, b) =>
      hash(CATALOGUE_SALT, 7, Number(a.code.slice(2))) - hash(CATALOGUE_SALT, 7, Number(b.code.slice(2))),
  );
  let r = 0;
  for (const p of tail) {
    while (slots[r]) r++;
    p.rank = r;
    slots[r] = p;
  }
  return slots as Procedure[];
}

/** The whole catalogue, ordered by rank. */
export const PROCEDURES: readonly Procedure[] = buildProcedures();

/**
 * Whether a procedure may be offered online at level 4 in a year: a catalogue attribute (the legal conditions
 * of the procedure), the base of the resolution's "100 % of eligible services at level 4".
 */
export function isEligibleLevel4(p: Procedure, year: number): boolean {
  return p.rank < LEVEL_COUNTS[clampYear(year)]!.eligibleLevel4;
}

/** Online-service level (2, 3 or 4) of a procedure in a year. */
export function levelOf(p: Procedure, year: number): 2 | 3 | 4 {
  const c = LEVEL_COUNTS[clampYear(year)]!;
  if (p.rank < c.level4) return 4;
  if (p.rank < c.level4 + c.level3) return 3;
  return 2;
}

export interface ProcedurePool {
  procedures: readonly Procedure[];
  /** Cumulative popularity, for `Rng.pickCumulative`. */
  cum: Float64Array;
}

function pool(filter: (p: Procedure) => boolean): ProcedurePool {
  const procedures = PROCEDURES.filter(filter);
  const cum = new Float64Array(procedures.length);
  let s = 0;
  procedures.forEach((p, i) => (cum[i] = s += p.popularity));
  return { procedures, cum };
}

const poolCache = new Map<string, ProcedurePool>();

/** Procedures a dossier may be filed under: online needs level 3 or 4 that year, other channels take any. */
export function procedurePool(year: number, online: boolean): ProcedurePool {
  const y = clampYear(year);
  const key = `${y}:${online}`;
  let p = poolCache.get(key);
  if (!p) {
    p = online ? pool((x) => levelOf(x, y) >= 3) : pool(() => true);
    poolCache.set(key, p);
  }
  return p;
}
