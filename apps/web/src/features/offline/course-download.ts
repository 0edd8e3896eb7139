/**
 * Downloading a course for offline use (docs/offline.md), only when the learner asks: the course page and
 * progress, every lesson's answer, its images, documents and captions, the lowest rendition of its video (HLS),
 * the learner's pages (from offline-assets.json) and an attempt of each quiz that the server draws for the
 * download (no answer key ever reaches the device). Everything goes into the course's own cache
 * (`hvs-course-<id>`), which the service worker answers from when the network is off.
 */
import type { CourseDetail, CourseProgressResponse, LessonResponse } from '@hocvuso/contracts';
import { buildUrl, type Lang } from '../../api/client';
import { offlineApi } from '../../api/offline-api';
import { type DownloadedCourse, offlineDb } from './offline-db';
import { syncOfflineQueue } from './offline-sync';

export const courseCacheName = (courseId: string) => `hvs-course-${courseId}`;

export interface DownloadProgress {
  done: number;
  total: number;
}

/** Whether this browser can download courses (a service worker, Cache Storage and IndexedDB). */
export function canDownload(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'caches' in window &&
    'indexedDB' in window
  );
}

/** Storage used and available for this site, when the browser tells (navigator.storage.estimate). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? undefined : { usage, quota };
}

/** Files a lesson answer links to on this site: images and links in its text, captions, documents, poster, narration, an MP4 video. */
export function lessonFiles(lesson: LessonResponse, origin: string): string[] {
  const urls = new Set<string>();
  const add = (u: string | null | undefined) => {
    if (!u) return;
    try {
      const url = new URL(u, origin);
      if (url.origin === origin) urls.add(url.pathname + url.search);
    } catch {
      // not an address
    }
  };
  for (const m of lesson.html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const u = m[1]!;
    if (u.startsWith('/media/') || u.startsWith('/api/courses/')) add(u);
  }
  add(lesson.video?.poster);
  add(lesson.video?.posterSmall);
  // A studio video streams (HLS): its lowest rendition is stored apart. A course folder's video is one small MP4.
  if (lesson.video && !lesson.video.hls) add(lesson.video.src);
  for (const c of lesson.video?.captions ?? []) add(c.src);
  add(lesson.document?.src);
  for (const a of lesson.audio) add(a.src);
  return [...urls];
}

/** The lowest-bandwidth variant of an HLS master playlist (the low-data rendition), if it is one. */
export function lowestRendition(master: string): string | undefined {
  const lines = master.split(/\r?\n/);
  let best: { bandwidth: number; uri: string } | undefined;
  lines.forEach((line, i) => {
    const m = /^#EXT-X-STREAM-INF:.*?BANDWIDTH=(\d+)/.exec(line);
    const uri = lines[i + 1]?.trim();
    if (m && uri && !uri.startsWith('#')) {
      const bandwidth = Number(m[1]);
      if (!best || bandwidth < best.bandwidth) best = { bandwidth, uri };
    }
  });
  return best?.uri;
}

/** The master playlist reduced to its one stored variant, so the player offline never asks for another. */
export function singleVariantMaster(master: string, uri: string): string {
  const lines = master.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#EXT-X-STREAM-INF')) {
      if (lines[i + 1]?.trim() === uri) out.push(line, uri);
      i++;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

/**
 * Downloads the course for the signed-in learner. `onProgress` is told how many of the files are stored.
 * Resolves with the record kept on the device.
 */
export async function downloadCourse(
  userId: string,
  courseId: string,
  lang: Lang,
  onProgress: (p: DownloadProgress) => void,
): Promise<DownloadedCourse> {
  // Downloading opens every lesson, which settles each video's watch credit at the server's now: what is queued
  // from an earlier download goes first, or the server would refuse it as already accounted for.
  await syncOfflineQueue(userId, lang).catch(() => undefined);
  const cache = await caches.open(courseCacheName(courseId));
  let bytes = 0;
  const store = async (url: string, response: Response) => {
    const body = await response.clone().arrayBuffer();
    bytes += body.byteLength;
    await cache.put(url, response);
  };
  const progressUrl = buildUrl(`/me/courses/${encodeURIComponent(courseId)}`, { lang });
  const progressResponse = await fetchOk(progressUrl);
  const progress = (await progressResponse.clone().json()) as CourseProgressResponse;
  await store(progressUrl, progressResponse);
  const version = progress.version?.current === false ? progress.version.id : undefined;
  const courseUrl = buildUrl(
    `/courses/${encodeURIComponent(courseId)}`,
    version ? { lang, version } : { lang },
  );
  const courseResponse = await fetchOk(courseUrl);
  const course = (await courseResponse.clone().json()) as CourseDetail;
  await store(courseUrl, courseResponse);
  const lessons = course.modules.flatMap((m) => m.lessons);
  const pages = await fetch('/offline-assets.json')
    .then((r) => (r.ok ? (r.json() as Promise<{ learner: string[] }>) : { learner: [] }))
    .catch(() => ({ learner: [] as string[] }));

  let done = 0;
  let total = 2 + lessons.length + pages.learner.length + 2;
  const step = () => onProgress({ done: ++done, total });
  step();
  step();

  const files = new Set<string>();
  const videos: string[] = [];
  const quizLessonIds: string[] = [];
  for (const l of lessons) {
    const url = buildUrl(`/lessons/${encodeURIComponent(l.id)}`, { lang });
    const response = await fetchOk(url);
    const lesson = (await response.clone().json()) as LessonResponse;
    await store(url, response);
    for (const f of lessonFiles(lesson, location.origin)) files.add(f);
    if (lesson.video?.hls) videos.push(lesson.video.hls);
    if (lesson.kind === 'quiz') quizLessonIds.push(lesson.id);
    step();
  }
  total += files.size + videos.length;
  for (const f of files) {
    await store(f, await fetchOk(f));
    step();
  }
  for (const hls of videos) {
    await storeLowestRendition(hls, store);
    step();
  }
  for (const asset of pages.learner) {
    if (!(await caches.match(asset))) await store(asset, await fetchOk(asset));
    step();
  }

  // Recorded last: the server draws the quiz attempts and stops the reading clock the lesson requests started.
  const recorded = await offlineApi.download(courseId, quizLessonIds, lang);
  const attempts: DownloadedCourse['attempts'] = {};
  for (const a of recorded.attempts) if (a.attempt) attempts[a.lessonId] = a.attempt;
  step();
  const record: DownloadedCourse = {
    key: `${userId}:${courseId}`,
    userId,
    courseId,
    downloadedAt: recorded.downloadedAt,
    lessonIds: lessons.map((l) => l.id),
    attempts,
    bytes,
  };
  await offlineDb.putCourse(record);
  step();
  return record;
}

/** Stores the lowest rendition of an HLS video: its playlist, its segments, and a master naming only it. */
async function storeLowestRendition(
  masterUrl: string,
  store: (url: string, response: Response) => Promise<void>,
): Promise<void> {
  const master = await (await fetchOk(masterUrl)).text();
  const variant = lowestRendition(master);
  if (!variant) return;
  const variantUrl = new URL(variant, new URL(masterUrl, location.origin)).pathname;
  const playlist = await (await fetchOk(variantUrl)).text();
  for (const line of playlist.split(/\r?\n/)) {
    const uri = line.trim();
    if (!uri || uri.startsWith('#')) continue;
    const segment = new URL(uri, new URL(variantUrl, location.origin)).pathname;
    await store(segment, await fetchOk(segment));
  }
  await store(
    variantUrl,
    new Response(playlist, { headers: { 'content-type': 'application/vnd.apple.mpegurl' } }),
  );
  await store(
    masterUrl,
    new Response(singleVariantMaster(master, variant), {
      headers: { 'content-type': 'application/vnd.apple.mpegurl' },
    }),
  );
}

/** Removes the course's download from this device (its cache and its record; queued progress stays queued). */
export async function removeDownload(userId: string, courseId: string): Promise<void> {
  await caches.delete(courseCacheName(courseId));
  await offlineDb.removeCourse(userId, courseId);
}
