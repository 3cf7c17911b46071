// The workout video player: plays a playlist in order on one <video> element, advancing when a
// clip ends. MP4/WebM play natively; HLS (Cloudflare Stream) plays natively where the browser
// can (Safari) and through hls.js elsewhere (Chromium, Firefox), loaded only when needed.

import type Hls from "hls.js";
import type { PlaylistItem } from "./api";

const HLS_MIME = "application/vnd.apple.mpegurl";

/** isHLS tells whether a URL is an HLS manifest. */
export function isHLS(item: PlaylistItem): boolean {
  try {
    return new URL(item.url, location.href).pathname.endsWith(".m3u8");
  } catch {
    return item.url.includes(".m3u8");
  }
}

export class Player {
  readonly video: HTMLVideoElement;
  index = 0;
  finished = false;
  /** Set when the browser refused to autoplay with sound and the clip plays muted. */
  mutedByPolicy = false;
  /** The index of a clip that failed to play, while its failure is shown. */
  failed = -1;
  private hls: Hls | null = null;
  private refreshedAt = -1;
  private skipTimer = 0;
  private loadSeq = 0;

  constructor(
    public items: PlaylistItem[],
    private readonly onChange: () => void,
    // Fetches fresh URLs for the same playlist, for signed URLs that expired while the person trained.
    private readonly refresh: () => Promise<PlaylistItem[] | null>,
  ) {
    const v = document.createElement("video");
    v.playsInline = true;
    v.controls = true;
    v.preload = "auto";
    v.className = "video";
    v.setAttribute("playsinline", "");
    v.setAttribute("data-testid", "video");
    v.addEventListener("ended", () => this.advance());
    v.addEventListener("error", () => void this.onError());
    v.addEventListener("play", () => this.onChange());
    v.addEventListener("pause", () => this.onChange());
    this.video = v;
  }

  get current(): PlaylistItem | undefined {
    return this.items[this.index];
  }

  /** load shows clip i and plays it. */
  async load(i: number, autoplay = true): Promise<void> {
    if (i < 0 || i >= this.items.length) return;
    const seq = ++this.loadSeq;
    window.clearTimeout(this.skipTimer);
    this.index = i;
    this.finished = false;
    this.failed = -1;
    this.detachHLS();
    const item = this.items[i];
    const v = this.video;
    if (isHLS(item) && !v.canPlayType(HLS_MIME)) {
      const { default: HlsCtor } = await import("hls.js");
      if (seq !== this.loadSeq) return;
      if (HlsCtor.isSupported()) {
        const hls = new HlsCtor({ enableWorker: true, lowLatencyMode: false });
        hls.on(HlsCtor.Events.ERROR, (_e, data) => {
          if (data.fatal) void this.onError();
        });
        hls.loadSource(item.url);
        hls.attachMedia(v);
        this.hls = hls;
      } else {
        v.src = item.url;
      }
    } else {
      v.src = item.url;
    }
    this.onChange();
    if (autoplay) await this.play();
  }

  /** play starts playback, falling back to muted when the autoplay policy refuses sound. */
  async play(): Promise<void> {
    try {
      await this.video.play();
    } catch (err) {
      if (err instanceof DOMException && err.name === "NotAllowedError" && !this.video.muted) {
        this.video.muted = true;
        this.mutedByPolicy = true;
        try {
          await this.video.play();
        } catch {
          // Still refused: the native controls let the person start it.
        }
      }
      // AbortError: a newer load replaced this one.
    }
    this.onChange();
  }

  unmute(): void {
    this.video.muted = false;
    this.mutedByPolicy = false;
    this.onChange();
  }

  next(): void {
    if (this.index < this.items.length - 1) void this.load(this.index + 1);
  }

  prev(): void {
    if (this.index > 0) void this.load(this.index - 1);
  }

  private advance(): void {
    if (this.index < this.items.length - 1) {
      void this.load(this.index + 1);
    } else {
      this.finished = true;
      this.onChange();
    }
  }

  private async onError(): Promise<void> {
    const item = this.current;
    if (!item) return;
    const expired = item.urlExpireTime ? Date.parse(item.urlExpireTime) <= Date.now() + 5000 : false;
    if (expired && this.refreshedAt !== this.index) {
      this.refreshedAt = this.index;
      const fresh = await this.refresh().catch(() => null);
      if (fresh && fresh.length === this.items.length) {
        this.items = fresh;
        const at = this.video.currentTime;
        await this.load(this.index);
        this.video.currentTime = at;
        return;
      }
    }
    // A broken clip must not stop the workout: show it briefly, then go on.
    this.failed = this.index;
    this.onChange();
    const at = this.index;
    this.skipTimer = window.setTimeout(() => {
      if (this.index === at) this.advance();
    }, 1500);
  }

  private detachHLS(): void {
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
  }

  destroy(): void {
    window.clearTimeout(this.skipTimer);
    this.loadSeq++;
    this.detachHLS();
    this.video.pause();
    this.video.removeAttribute("src");
    this.video.load();
  }
}
