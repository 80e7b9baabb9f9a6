import type { SensorKind } from '../../../protocol/sensor-kind';
import { PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import type { AlertRuleName } from '../../../protocol/state/alerts';
import type { MessageKey } from '../../i18n';
import type { MapMetric } from '../../../protocol/state/map-metrics';

/** What the districts are coloured by in a scene: one of the map metrics of protocol/state/map-metrics.ts. */
export type WallMetric = Exclude<MapMetric, 'covidCumulative'>;

export type TileId =
  | 'onlineToday'
  | 'onTimeRate'
  | 'openDossiers'
  | 'level4Share'
  | 'covidNew'
  | 'covidCumulative'
  | 'epidemicLevel4'
  | 'vaccineDoses'
  | 'sensorAlarms'
  | 'waterLevelMax'
  | 'rainfallMax'
  | 'pm25Max'
  | 'aqiMax'
  | 'trafficFlow'
  | 'noiseMax'
  | 'openAlerts';

export type SceneId =
  'province' | 'tan-an' | 'services' | 'covid' | 'covid-levels' | 'environment' | 'traffic';

export interface SceneDef {
  id: SceneId;
  title: MessageKey;
  /** The title on a wall scoped to one area (`/wall?area=…`), which then names the area: no place in it. */
  scopedTitle: MessageKey;
  /** The area the camera frames (its bounds in the area set in force) and whose figures the tiles show. */
  focusArea: string;
  metric: WallMetric;
  /** Sensor kinds drawn on the map; an empty list draws none. */
  sensorKinds: readonly SensorKind[] | 'all';
  tiles: readonly TileId[];
  /** Default time on screen, seconds; a playlist may override it. */
  durationS: number;
}

const ENV_KINDS: readonly SensorKind[] = ['water_level', 'rainfall', 'pm25', 'aqi', 'temperature'];

export const SCENES: Record<SceneId, SceneDef> = {
  province: {
    id: 'province',
    title: 'wall.scene.province',
    scopedTitle: 'wall.scene.overview',
    focusArea: PROVINCE_CODE,
    metric: 'onlineToday',
    sensorKinds: 'all',
    tiles: ['onlineToday', 'onTimeRate', 'covidNew', 'sensorAlarms', 'openAlerts'],
    durationS: 40,
  },
  'tan-an': {
    id: 'tan-an',
    title: 'wall.scene.tanAn',
    scopedTitle: 'wall.scene.overview',
    focusArea: TAN_AN_CODE,
    metric: 'onlineToday',
    sensorKinds: 'all',
    tiles: ['onlineToday', 'openDossiers', 'waterLevelMax', 'trafficFlow', 'openAlerts'],
    durationS: 30,
  },
  services: {
    id: 'services',
    title: 'wall.scene.services',
    scopedTitle: 'wall.scene.services',
    focusArea: PROVINCE_CODE,
    metric: 'onTimeRate',
    sensorKinds: [],
    tiles: ['onlineToday', 'onTimeRate', 'openDossiers', 'level4Share'],
    durationS: 30,
  },
  covid: {
    id: 'covid',
    title: 'wall.scene.covid',
    scopedTitle: 'wall.scene.covid',
    focusArea: PROVINCE_CODE,
    metric: 'covidPer100k',
    sensorKinds: [],
    tiles: ['covidNew', 'covidCumulative', 'epidemicLevel4', 'vaccineDoses'],
    durationS: 30,
  },
  'covid-levels': {
    id: 'covid-levels',
    title: 'wall.scene.covidLevels',
    scopedTitle: 'wall.scene.covidLevels',
    focusArea: PROVINCE_CODE,
    metric: 'epidemicLevel',
    sensorKinds: [],
    tiles: ['epidemicLevel4', 'covidNew', 'covidCumulative', 'openAlerts'],
    durationS: 20,
  },
  environment: {
    id: 'environment',
    title: 'wall.scene.environment',
    scopedTitle: 'wall.scene.environment',
    focusArea: PROVINCE_CODE,
    metric: 'sensorAlarms',
    sensorKinds: ENV_KINDS,
    tiles: ['waterLevelMax', 'rainfallMax', 'pm25Max', 'aqiMax', 'sensorAlarms'],
    durationS: 30,
  },
  traffic: {
    id: 'traffic',
    title: 'wall.scene.traffic',
    scopedTitle: 'wall.scene.trafficScoped',
    focusArea: TAN_AN_CODE,
    metric: 'onlineToday',
    sensorKinds: ['traffic_flow', 'noise'],
    tiles: ['trafficFlow', 'noiseMax', 'sensorAlarms'],
    durationS: 20,
  },
};

export const SCENE_IDS = Object.keys(SCENES) as SceneId[];

/** A scene on a wall scoped to `area` (null: the province wall, scenes as defined): it frames and counts it. */
export function scopeScene(scene: SceneDef, area: string | null): SceneDef {
  return area === null || area === scene.focusArea ? scene : { ...scene, focusArea: area };
}

/** A scene with how long it stays on screen. */
export interface PlaylistItem {
  scene: SceneId;
  durationS: number;
}

/** From `fromHour` (inclusive) to `toHour` (exclusive), Vietnam time of the scenario clock. */
export interface PlaylistSlot {
  fromHour: number;
  toHour: number;
  items: readonly PlaylistItem[];
}

export interface Playlist {
  id: string;
  slots: readonly PlaylistSlot[];
}

const item = (scene: SceneId, durationS = SCENES[scene].durationS): PlaylistItem => ({ scene, durationS });
const ALL_SCENES = SCENE_IDS.map((s) => item(s));

/**
 * The playlists a wall can run, by name (`/wall?playlist=…`). `default` shows every scene all day; `shift`
 * gives office hours to public services and nights to environment and traffic, when the river and the roads
 * are what an operator watches; `covid` is for the epidemic room.
 */
export const PLAYLISTS: Record<string, Playlist> = {
  default: { id: 'default', slots: [{ fromHour: 0, toHour: 24, items: ALL_SCENES }] },
  shift: {
    id: 'shift',
    slots: [
      {
        fromHour: 7,
        toHour: 17,
        items: [item('province'), item('services', 45), item('tan-an'), item('covid'), item('environment')],
      },
      {
        fromHour: 17,
        toHour: 7,
        items: [item('province'), item('environment', 45), item('traffic', 30), item('tan-an')],
      },
    ],
  },
  covid: {
    id: 'covid',
    slots: [
      { fromHour: 0, toHour: 24, items: [item('covid', 45), item('covid-levels', 30), item('province', 20)] },
    ],
  },
};

/** The scene an alert of each rule is shown in when it takes over the wall. */
export const ALERT_SCENE: Record<AlertRuleName, SceneId> = {
  'sensor-threshold': 'environment',
  'sensor-offline': 'environment',
  'epidemic-level': 'covid-levels',
  'dossier-late': 'services',
};
