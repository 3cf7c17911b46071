import{E as W,_ as G,o as V,j as E,u as p,a as v,p as A,h as x,e as m,t as a,A as n,c as D,g as O,b as r,q as S,r as z,v as J,w as Q,x as Y,y as X,z as Z,B as $,k as F,C as M,D as tt,n as y,F as et,G as k,H as C,I as L,J as P,K as I,L as st,M as q,s as it,d as at,N as B,m as rt}from"./index-C2r2gMpI.js";import{i as ot,b as nt,f as lt,e as j,m as T,c as dt,t as ct,d as ht,s as H,g as pt,M as ut,h as $t,a as ft}from"./setlog-Dv-X6wPI.js";const gt={ATTRIBUTE:1},mt=c=>(...t)=>({_$litDirective$:c,values:t});let wt=class{constructor(t){}get _$AU(){return this._$AM._$AU}_$AT(t,e,s){this._$Ct=t,this._$AM=e,this._$Ci=s}_$AS(t,e){return this.update(t,e)}update(t,e){return this.render(...e)}};const K="important",bt=" !"+K,vt=mt(class extends wt{constructor(c){if(super(c),c.type!==gt.ATTRIBUTE||c.name!=="style"||c.strings?.length>2)throw Error("The `styleMap` directive must be used in the `style` attribute and must be the only part in the attribute.")}render(c){return Object.keys(c).reduce((t,e)=>{const s=c[e];return s==null?t:t+`${e=e.includes("-")?e:e.replace(/(?:^(webkit|moz|ms|o)|)(?=[A-Z])/g,"-$&").toLowerCase()}:${s};`},"")}update(c,[t]){const{style:e}=c.element;if(this.ft===void 0)return this.ft=new Set(Object.keys(t)),this.render(t);for(const s of this.ft)t[s]==null&&(this.ft.delete(s),s.includes("-")?e.removeProperty(s):e[s]=null);for(const s in t){const i=t[s];if(i!=null){this.ft.add(s);const o=typeof i=="string"&&i.endsWith(bt);s.includes("-")||o?e.setProperty(s,o?i.slice(0,-11):i,o?K:""):e[s]=i}}return W}}),yt="application/vnd.apple.mpegurl";function kt(c){try{return new URL(c.url,location.href).pathname.endsWith(".m3u8")}catch{return c.url.includes(".m3u8")}}class xt{constructor(t,e,s){this.items=t,this.onChange=e,this.refresh=s;const i=document.createElement("video");i.playsInline=!0,i.controls=!0,i.preload="auto",i.className="video",i.setAttribute("playsinline",""),i.setAttribute("data-testid","video"),i.addEventListener("ended",()=>this.advance()),i.addEventListener("error",()=>{this.onError()}),i.addEventListener("play",()=>this.onChange()),i.addEventListener("pause",()=>this.onChange()),this.video=i}items;onChange;refresh;video;index=0;finished=!1;mutedByPolicy=!1;failed=-1;hls=null;refreshedAt=-1;skipTimer=0;loadSeq=0;get current(){return this.items[this.index]}async load(t,e=!0){if(t<0||t>=this.items.length)return;const s=++this.loadSeq;window.clearTimeout(this.skipTimer),this.index=t,this.finished=!1,this.failed=-1,this.detachHLS();const i=this.items[t],o=this.video;if(kt(i)&&!o.canPlayType(yt)){const{default:l}=await G(async()=>{const{default:h}=await import("./hls-39WTWagW.js");return{default:h}},[]);if(s!==this.loadSeq)return;if(l.isSupported()){const h=new l({enableWorker:!0,lowLatencyMode:!1});h.on(l.Events.ERROR,(u,d)=>{d.fatal&&this.onError()}),h.loadSource(i.url),h.attachMedia(o),this.hls=h}else o.src=i.url}else o.src=i.url;this.onChange(),e&&await this.play()}async play(){try{await this.video.play()}catch(t){if(t instanceof DOMException&&t.name==="NotAllowedError"&&!this.video.muted){this.video.muted=!0,this.mutedByPolicy=!0;try{await this.video.play()}catch{}}}this.onChange()}unmute(){this.video.muted=!1,this.mutedByPolicy=!1,this.onChange()}next(){this.index<this.items.length-1&&this.load(this.index+1)}prev(){this.index>0&&this.load(this.index-1)}advance(){this.index<this.items.length-1?this.load(this.index+1):(this.finished=!0,this.onChange())}async onError(){const t=this.current;if(!t)return;if((t.urlExpireTime?Date.parse(t.urlExpireTime)<=Date.now()+5e3:!1)&&this.refreshedAt!==this.index){this.refreshedAt=this.index;const i=await this.refresh().catch(()=>null);if(i&&i.length===this.items.length){this.items=i;const o=this.video.currentTime;await this.load(this.index),this.video.currentTime=o;return}}this.failed=this.index,this.onChange();const s=this.index;this.skipTimer=window.setTimeout(()=>{this.index===s&&this.advance()},1500)}detachHLS(){this.hls&&(this.hls.destroy(),this.hls=null)}destroy(){window.clearTimeout(this.skipTimer),this.loadSeq++,this.detachHLS(),this.video.pause(),this.video.removeAttribute("src"),this.video.load()}}const St={CLIP_KIND_INTRO:"hand",CLIP_KIND_TECHNIQUE:"target",CLIP_KIND_INSTRUCTION:"list",CLIP_KIND_MISTAKE:"alert",CLIP_KIND_WEEKLY_MOTIVATION:"flame",CLIP_KIND_REST_DAY:"moon",CLIP_KIND_CLOSING:"flag"};function U(c,t=16){const e=St[c??""];return e?$(e,t):n}const It="⏱ ";function Et(c){const t=c.indexOf(`

`+It);return(t>=0?c.slice(0,t):c).trimEnd()}function Dt(c){return c instanceof E?c.status===404?!0:c.status===400&&c.violations.length>0&&c.violations.every(t=>/^(week|day|plan_id|planId)$/.test(t.field)):!1}const N=6,_=c=>`fitcoach.workout.${c}`;class Nt{constructor(t,e,s){this.planId=t,this.week=e,this.day=s,window.addEventListener("beforeunload",this.onBeforeUnload),this.load()}planId;week;day;workout=null;error=null;starting=!1;startError=null;player=null;notice="";missing=[];showPlaylist=window.innerWidth>=900;exIdx=0;pinned=!1;resumed=!1;queued=!1;setsDone=new Map;rest=null;restTick=0;restOver=!1;rows=new Map;logging=!1;swapFor=-1;swapOptions=null;swapChoice="";swapLater=!1;swapAll=!1;swapBusy=!1;swapError=null;swapped="";adapting=!1;holdStart=0;effort=0;notes="";errors=new Map;completeError="";completing=!1;editing=!1;justCompleted=!1;onBeforeUnload=t=>{this.inProgress&&(t.preventDefault(),t.returnValue="")};get inProgress(){return!this.completed&&!this.workout?.isRestDay&&(!!this.player||this.setsDone.size>0)}persist(){if(this.completed&&!this.editing)return;const t={sets:[...this.setsDone],rows:[...this.rows],effort:this.effort,notes:this.notes};try{localStorage.setItem(_(this.key),JSON.stringify(t))}catch{}}restoreDraft(){let t=null;try{t=JSON.parse(localStorage.getItem(_(this.key))??"null")}catch{t=null}if(!t||this.completed)return!1;this.setsDone=new Map(t.sets??[]);const e=(t.rows??[]).filter(([s,i])=>this.rows.has(s)&&ot(i)&&i.kind===this.rows.get(s).kind);for(const[s,i]of e)this.rows.set(s,i);return this.effort=t.effort??0,this.notes=t.notes??"",this.setsDone.size>0||e.some(([,s])=>s.sets.some(nt)||s.pain)}clearDraft(){localStorage.removeItem(_(this.key))}get key(){return V(this.planId,this.week,this.day)}async load(){if(this.error=null,this.week<1||this.week>12||this.day<1||this.day>7){this.error=new E(404,"NOT_FOUND",""),p();return}try{this.workout=(await v.getWorkout(this.planId,this.week,this.day)).workout;const t=A(this.planId,this.week,this.day);t&&(this.workout={...this.workout,log:{...t.body,completeTime:null}},this.queued=!0),this.fillForm(),this.resumed=this.restoreDraft()}catch(t){if(x(t))return;this.error=t}p()}fillForm(){const t=this.workout;if(!t)return;const e=t.log,s=new Set;this.rows=new Map,(t.exercises??[]).forEach((i,o)=>{const l=(e?.exercises??[]).findIndex((u,d)=>!s.has(d)&&u.exerciseSlug.toLowerCase()===i.exerciseSlug.toLowerCase());l>=0&&s.add(l);const h=l>=0?lt(i,e.exercises[l]):j(i);for(let u=0;u<(this.setsDone.get(o)??0)&&l<0;u++)T(h);this.rows.set(o,h)}),e?.perceivedEffort&&(this.effort=e.perceivedEffort),e?.notes&&(this.notes=Et(e.notes))}get completed(){const t=this.workout?.log;return!!t&&(!!t.completeTime||t.perceivedEffort>0)}async start(){this.starting=!0,this.startError=null,p();try{const t=await v.startWorkout(this.planId,this.week,this.day);t.workout&&(this.workout={...t.workout,log:t.workout.log??this.workout?.log}),this.notice=t.notice??"",this.missing=t.playlist?.missing??[];const e=(t.playlist?.items??[]).filter(s=>s.url);this.player?.destroy(),this.player=new xt(e,()=>this.onClip(),()=>this.refreshURLs()),this.exIdx=0,this.starting=!1,p(),e.length&&await this.player.load(0),requestAnimationFrame(()=>document.querySelector(".session")?.scrollIntoView({behavior:"smooth",block:"start"}))}catch(t){if(x(t))return;this.startError=t,this.starting=!1,p()}}async refreshURLs(){return((await v.startWorkout(this.planId,this.week,this.day)).playlist?.items??[]).filter(e=>e.url)}onClip(){const t=this.player?.current,e=this.workout?.exercises??[];if(t?.exerciseSlug&&!this.pinned){const s=e.findIndex(i=>i.exerciseSlug.toLowerCase()===t.exerciseSlug.toLowerCase());s>=0&&(this.exIdx=s)}p()}showExercise(t){const e=this.workout?.exercises?.length??0;this.pinned=!0,this.exIdx=Math.max(0,Math.min(e-1,t));const s=(this.workout?.exercises?.[this.exIdx]?.exerciseSlug??"").toLowerCase(),i=this.player;if(i&&s&&i.current?.exerciseSlug?.toLowerCase()!==s){const o=i.items.findIndex(l=>l.exerciseSlug?.toLowerCase()===s);o>=0&&i.load(o)}p()}openLog(){this.logging=!0,p(),requestAnimationFrame(()=>{const t=document.querySelector("[data-testid=complete-form] h2");t&&(t.tabIndex=-1,t.focus())})}editLog(){this.editing=!0,this.justCompleted=!1,this.fillForm(),p()}async openSwap(t,e){if(this.swapFor===t){this.swapFor=-1,p();return}this.swapFor=t,this.swapOptions=null,this.swapChoice="",this.swapError=null,this.swapAll=!1,p();try{const s=await v.swapOptions(this.planId,this.week,this.day,e.exerciseSlug);if(this.swapFor!==t)return;this.swapOptions=s.options??[],this.swapChoice=this.swapOptions[0]?.exerciseSlug??""}catch(s){if(x(s))return;this.swapError=s}p(),requestAnimationFrame(()=>document.querySelector("[data-testid=swap-panel] [aria-checked=true]")?.focus())}async doSwap(t){const e=this.swapFor;this.swapBusy=!0,this.swapError=null,p();try{const s=await v.swap(this.planId,this.week,this.day,t.exerciseSlug,{toSlug:this.swapChoice,laterWeeks:this.swapLater}),i=m(t.exerciseSlug,t.name),o=s.workout?.exercises?.[e];this.workout={...s.workout,log:s.workout.log??this.workout?.log},this.rows.delete(e),this.setsDone.delete(e),this.persist(),this.swapped=a("swappedTo",{from:i,to:o?m(o.exerciseSlug,o.name):this.swapChoice}),this.swapFor=-1,this.swapLater=!1,requestAnimationFrame(()=>document.querySelector(`[data-testid=swap-${e}]`)?.focus())}catch(s){if(x(s))return;this.swapError=s}finally{this.swapBusy=!1,p()}}swapPanel(t){const e=this.swapOptions;return r`<div class="swap-panel" data-testid="swap-panel">
      ${this.swapError?D(this.swapError,()=>{this.doSwap(t)}):n}
      ${e===null&&!this.swapError?O(a("swapLoading")):e&&e.length===0?r`<p class="muted" data-testid="swap-none">${a("swapNone")}</p>`:e?r`<div class="swap-list" role="radiogroup" aria-label=${a("swapChoose")}>
                  ${(this.swapAll?e:e.slice(0,N)).map(s=>r`<button
                      type="button"
                      role="radio"
                      class="swap-opt ${this.swapChoice===s.exerciseSlug?"on":""}"
                      aria-checked=${this.swapChoice===s.exerciseSlug}
                      tabindex=${this.swapChoice===s.exerciseSlug?"0":"-1"}
                      @click=${()=>{this.swapChoice=s.exerciseSlug,p()}}
                      data-testid="swap-opt-${s.exerciseSlug}"
                    >
                      <strong>${m(s.exerciseSlug,s.name)}</strong>
                      ${s.reason?r`<span class="muted small">${s.reason}</span>`:n}
                    </button>`)}
                </div>
                ${!this.swapAll&&e.length>N?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{this.swapAll=!0,p()}} data-testid="swap-more">${a("swapMore",{n:e.length-N})}</button>`:n}
                <label class="check">
                  <input type="checkbox" .checked=${this.swapLater} @change=${s=>this.swapLater=s.target.checked} data-testid="swap-later" />
                  ${a("swapLater")}
                </label>
                <div class="actions">
                  <button class="btn btn-primary btn-sm" ?disabled=${this.swapBusy||!this.swapChoice} @click=${()=>this.doSwap(t)} data-testid="swap-confirm">
                    ${this.swapBusy?r`<span class="spin" aria-hidden="true"></span>`:n}${a("swapConfirm")}
                  </button>
                  <button class="btn btn-ghost btn-sm" @click=${()=>{this.swapFor=-1,p()}}>${a("cancel")}</button>
                </div>`:n}
    </div>`}tickSet(t,e){const s=S(e);this.pinned=!0;const i=Math.min(s,(this.setsDone.get(t)??0)+1);this.setsDone.set(t,i);const o=this.row(t,e),l=this.holdStart?Math.round((Date.now()-this.holdStart)/1e3):0;this.holdStart=0,o.kind==="intervals"?o.sets.forEach(()=>T(o)):T(o,l),this.persist(),i<s&&(e.restSeconds??0)>0?this.startRest(e.restSeconds??0):(this.stopRest(),p())}startRest(t,e){this.stopRest(),this.restOver=!1,this.rest={endAt:Date.now()+t*1e3,total:t,hold:e},this.restTick=window.setInterval(()=>{if(this.rest&&Date.now()>=this.rest.endAt){const s=this.rest.hold;this.stopRest(),"vibrate"in navigator&&navigator.vibrate?.(200),s?s():this.restOver=!0}p()},250),p()}startHold(t,e){this.pinned=!0,this.startRest(e.durationSeconds??0,()=>this.tickSet(t,e)),this.holdStart=Date.now()}stopRest(){window.clearInterval(this.restTick),this.restTick=0,this.rest=null}async complete(t){t.preventDefault();const e=this.workout;if(!e)return;if(this.errors=new Map,this.completeError="",this.effort<1||this.effort>10){this.errors.set("perceivedEffort",[a("effortRequired")]),p();return}const s=[];for(const[o,l]of(e.exercises??[]).entries()){const h=this.row(o,l);h.sets.some(d=>dt(d).length)&&this.errors.set(`exercises.${o}.sets`,[a("notANumber")]);const u=ct(l.exerciseSlug,h);(u.sets?.length||u.pain)&&s.push(u)}if(this.errors.size){this.completeError=a("fixFields"),p();return}const i=this.notes.trim();this.completing=!0,p();try{const o=await v.completeWorkout(this.planId,this.week,this.day,{exercises:s,perceivedEffort:this.effort,notes:i});this.workout={...e,log:o.log},this.adapting=!!o.adaptationQueued,this.logging=!1,z(this.planId,this.week,this.day),this.queued=!1,J.done.set(this.key,!0),this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest(),requestAnimationFrame(()=>document.querySelector("[data-testid=completed]")?.scrollIntoView({behavior:"smooth",block:"center"}))}catch(o){if(x(o))return;if(o instanceof E&&o.status===0){const l={exercises:s,perceivedEffort:this.effort,notes:i};Q({planId:this.planId,week:this.week,day:this.day,body:l}),this.workout={...e,log:{...l,completeTime:null}},this.queued=!0,this.logging=!1,this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest()}else if(o instanceof E&&o.violations.length){this.errors=new Map;for(const[l,h]of Y(o.violations,["request"],X)){const u=/^exercises\.(\d+)(.*)$/.exec(l),d=u?(e.exercises??[]).findIndex(g=>g.exerciseSlug===s[Number(u[1])]?.exerciseSlug):-1;this.errors.set(u&&d>=0?`exercises.${d}${u[2]}`:l,h)}this.completeError=a("fixFields")}else this.completeError=Z(o)}finally{this.completing=!1,p()}}errs(t){const e=[];for(const[s,i]of this.errors)(s===t||s.startsWith(t+"."))&&e.push(...i);return e}header(t){return r`<section class="day-hero ${t.isRestDay?"is-rest":""}">
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week}" data-nav data-testid="back-to-plan">‹ ${a("backToPlan")}</a>
      <div class="eyebrow">${a("week",{n:this.week})} · ${a("day",{n:this.day})}</div>
      <h1 data-testid="workout-name">${t.workoutName}</h1>
      <div class="meta-row">
        ${t.isRestDay?r`<span class="badge badge-rest">${$("moon",14)} ${a("restDay")}</span>`:n}
        ${t.isRestDay?n:r`<span class="badge">${F("exercises",t.exercises.length)}</span>`}
        ${this.completed?r`<span class="badge badge-done" data-testid="done-badge">✓ ${a("completedBadge")}</span>`:n}
      </div>
      ${t.weekFocus?r`<p class="week-focus"><span class="label-inline">${a("focus")}:</span> ${t.weekFocus}</p>`:n}
      ${t.confidenceTask?r`<div class="task"><span class="task-icon">${$("bolt",22)}</span><div><strong>${a("confidenceTask")}</strong><p>${t.confidenceTask}</p></div></div>`:n}
      ${this.player||t.isRestDay?n:r`<div class="actions">
            <button class="btn btn-cta btn-lg" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="start-workout">
              ${this.starting?r`<span class="spin" aria-hidden="true"></span>${a("starting")}`:r`${$("play",20)} ${a("startWorkout")}`}
            </button>
            ${this.completed||this.logging||this.resumed?n:r`<button class="btn btn-ghost btn-lg" @click=${()=>this.openLog()} data-testid="log-workout">${$("list",20)} ${a("logWorkout")}</button>`}
          </div>`}
      ${this.startError?D(this.startError,()=>{this.start()}):n}
    </section>`}exerciseTable(t){if(t.isRestDay)return r`<div class="card rest-card" data-testid="recovery">
        <span class="big-icon">${$("moon",44)}</span>
        <h2>${a("recoveryTitle")}</h2>
        ${t.recoveryGuidance?r`<p data-testid="recovery-guidance">${t.recoveryGuidance}</p>`:r`<p>${a("restDayLead")}</p>
              <ul class="recovery-list">
                <li>${a("recovery1")}</li>
                <li>${a("recovery2")}</li>
                <li>${a("recovery3")}</li>
              </ul>`}
        ${this.player?n:r`<div class="actions">
              <button class="btn btn-ghost" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="rest-video">
                ${$("play",18)} ${a("recoveryVideo")}
              </button>
            </div>`}
      </div>`;const e=M(t.exercises);return r`<div class="card ex-table" data-testid="exercises">
      ${this.swapped?r`<div class="alert alert-ok" role="status" data-testid="swapped">${this.swapped}</div>`:n}
      ${tt(t.exercises).map(s=>r`<section class="ex-block" data-block=${s.block} data-testid="block-${s.block}">
          ${e?r`<h2 class="ex-block-title">${y("block_"+s.block)}</h2>`:n}
          <ol start=${s.items[0].i+1}>
            ${s.items.map(({e:i,i:o})=>{const l=[et(i),k(i)].filter(Boolean).join(" · ");return r`<li class=${this.player&&o===this.exIdx?"current":""} data-kind=${C(i)} data-slug=${i.exerciseSlug} data-testid="exercise-${o}">
                <span class="ex-idx">${o+1}</span>
                <span class="ex-main">
                  <span class="ex-name">${m(i.exerciseSlug,i.name)}</span>
                  ${i.cue?r`<span class="ex-cue" data-testid="cue-${o}">${i.cue}</span>`:n}
                </span>
                <span class="ex-dose">
                  <span class="dose" data-testid="dose-${o}">${L(i)}</span>
                  ${l?r`<span class="rest">${l}</span>`:n}
                </span>
                ${(this.setsDone.get(o)??0)>=S(i)?r`<span class="tick" aria-label=${a("done")}>✓</span>`:n}
                <span class="ex-acts">
                  <a class="btn btn-ghost btn-xs" href="/history/exercises/${encodeURIComponent(i.exerciseSlug)}" data-nav data-testid="history-${o}"
                    aria-label=${a("historyOf",{name:m(i.exerciseSlug,i.name)})}>${a("historyShort")}</a>
                  ${this.completed?n:r`<button class="btn btn-ghost btn-xs" aria-expanded=${this.swapFor===o} @click=${()=>this.openSwap(o,i)} data-testid="swap-${o}"
                        aria-label=${a("swapOf",{name:m(i.exerciseSlug,i.name)})}>⇄ ${a("swap")}</button>`}
                </span>
                ${this.swapFor===o?this.swapPanel(i):n}
              </li>`})}
          </ol>
        </section>`)}
    </div>`}restRing(){const t=this.rest,e=Math.max(0,Math.ceil((t.endAt-Date.now())/1e3)),s=t.total>0?Math.max(0,(t.endAt-Date.now())/(t.total*1e3)):0,i=2*Math.PI*42,o=t.hold;return r`<div class="rest-timer ${o?"is-hold":""}" role="timer" aria-live="off" data-testid=${o?"hold-timer":"rest-timer"}>
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${i} stroke-dashoffset=${i*(1-s)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${o?a("holdNow"):a("restNow")}</span><strong>${P(e)}</strong></div>
      ${o?r`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),o()}} data-testid="hold-done">${a("holdDone")}</button>`:r`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),p()}}>${a("skipRest")}</button>`}
    </div>`}doseGrid(t){const e=(i,o,l)=>r`<div><span class="dose-num" data-testid=${i}>${o}</span><span class="dose-lbl">${l}</span></div>`,s=(t.restSeconds??0)>0?e("current-rest",I(t.restSeconds??0),a("restSecondsLabel")):n;switch(C(t)){case"intervals":return r`${e("current-sets",String(t.rounds??0),a("roundsLabel"))}${e("current-reps",I(t.workSeconds??0),a("workLabel"))}${e("current-rest",I(t.recoverySeconds??0),a("recoveryLabel"))}`;case"cardio":return r`${e("current-reps",it(t.durationSeconds??0),a("time"))}${(t.distanceMeters??0)>0?e("current-distance",at(t.distanceMeters??0),a("distanceLabel")):n}${k(t)?e("current-effort",k(t),a("effortTarget")):n}`;case"time":return r`${e("current-sets",String(S(t)),a("sets"))}${e("current-reps",q(t.durationSeconds??0),a("time"))}${s}`;default:return r`${e("current-sets",String(S(t)),a("sets"))}${e("current-reps",st(t.reps),a("reps"))}${s}`}}coachPanel(t){const e=t.exercises??[];if(t.isRestDay||e.length===0)return r`<div class="coach-panel card"><p class="muted">${a("restDayLead")}</p></div>`;const s=Math.min(this.exIdx,e.length-1),i=e[s],o=C(i),l=S(i),h=this.setsDone.get(s)??0,u=i.restSeconds??0,d=this.player?.current,g=!d?.exerciseSlug&&d?.kind==="CLIP_KIND_INTRO",f=o==="cardio"?"":k(i);return r`<div class="coach-panel card" data-testid="current-exercise" data-kind=${o} data-index=${s} data-sets=${l} data-slug=${i.exerciseSlug.toLowerCase()}>
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx===0} @click=${()=>this.showExercise(this.exIdx-1)} aria-label=${a("prev")} data-testid="panel-prev">‹</button>
        <div class="eyebrow">${g?a("upNext"):a("exercise")} ${this.exIdx+1}/${e.length}${M(e)?r` · ${y("block_"+(i.block||"main"))}`:n}</div>
        <button class="icon-btn" ?disabled=${this.exIdx>=e.length-1} @click=${()=>this.showExercise(this.exIdx+1)} aria-label=${a("next")} data-testid="panel-next">›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${m(i.exerciseSlug,i.name)}</h2>
      <div class="dose-grid">${this.doseGrid(i)}</div>
      ${this.coachHints(i,s)}
      <p class="coach-dose" data-testid="current-dose" ?hidden=${B(i)===L(i)&&o!=="reps"}>${B(i)}</p>
      ${f||i.cue?r`<p class="coach-cue" data-testid="current-cue">
            ${f?r`<span class="badge badge-soft" title=${a("rpeTitle")}>${f}</span>`:n} ${i.cue??""}
          </p>`:n}
      ${l>1?r`<div class="set-dots" role="img" aria-label=${a("setProgress",{i:h,n:l})}>
            ${Array.from({length:l},(R,b)=>r`<span class=${b<h?"on":""}></span>`)}
          </div>`:n}
      ${this.completed&&!this.editing?n:this.rest?this.restRing():h>=l?r`<p class="all-done">✓ ${l>1?a("allSetsDone"):a("done")}</p>
              ${s<e.length-1?r`<button class="btn btn-primary" @click=${()=>this.showExercise(s+1)} data-testid="next-exercise">
                    ${a("nextExercise")} ›
                  </button>`:n}`:r`<div class="coach-actions">
              ${o==="time"&&(i.durationSeconds??0)>0?r`<button class="btn btn-cta" @click=${()=>this.startHold(s,i)} data-testid="start-hold">
                    ${$("timer",18)} ${a("startHold",{t:q(i.durationSeconds??0)})}
                  </button>`:n}
              <button class="btn btn-primary" @click=${()=>this.tickSet(s,i)} data-testid="set-done">
                ${$("check",18)} ${l>1?a("setDone",{i:h+1,n:l}):a("markDone")}
              </button>
              ${u>0&&l>1?r`<button class="btn btn-ghost" @click=${()=>this.startRest(u)} data-testid="start-rest">
                    ${$("timer",18)} ${a("startRest",{t:I(u)})}
                  </button>`:n}
            </div>`}
      ${this.restOver&&!this.rest?r`<p class="rest-over" role="status">${a("restOver")}</p>`:n}
    </div>`}session(t){const e=this.player,s=e.current,i=e.items.length,o=t.isRestDay||(t.exercises??[]).length===0;return r`<section class="session" data-testid="session">
      ${this.notice?r`<div class="alert alert-info" role="status" data-testid="notice">${this.notice}</div>`:n}
      ${this.missing.length?r`<div class="alert alert-warn" role="status">
            ${a("missingClips",{list:this.missing.map(l=>`${y("kind_"+l.kind,l.kind)}${l.exerciseSlug?" · "+m(l.exerciseSlug):""}`).join(", ")})}
          </div>`:n}
      <div class="session-grid ${o?"solo":""}">
        <div class="player card">
          ${i?r`<div class="video-box">
                  ${e.video}
                  ${e.failed===e.index?r`<div class="video-overlay">${a("videoError")}</div>`:n}
                  ${e.mutedByPolicy?r`<button class="unmute" @click=${()=>e.unmute()}>${$("volume",18)}</button>`:n}
                </div>
                <div class="now">
                  <div class="now-text">
                    <div class="now-meta">
                      <span class="eyebrow">${a("clipOf",{i:e.index+1,n:i})}</span>
                      ${s?.kind?r`<span class="badge badge-soft kind">${U(s.kind,14)} ${y("kind_"+s.kind,"")}</span>`:n}
                    </div>
                    <div class="now-title" data-testid="now-title">${s?.title||m(s?.exerciseSlug??"",s?.exerciseName)}</div>
                  </div>
                  <div class="now-ctrl">
                    <button class="icon-btn" ?disabled=${e.index===0} @click=${()=>e.prev()} aria-label=${a("prev")} data-testid="prev-clip">${$("prev",18)}</button>
                    <button class="icon-btn" ?disabled=${e.index>=i-1} @click=${()=>e.next()} aria-label=${a("next")} data-testid="next-clip">${$("next",18)}</button>
                  </div>
                </div>
                <div class="progress" aria-hidden="true"><span style=${vt({width:`${(e.index+(e.finished?1:0))/i*100}%`})}></span></div>
                ${e.finished?r`<div class="alert alert-ok" role="status" data-testid="playlist-finished">${$("flag",18)} ${a("finished")}</div>`:n}
                <details class="playlist" ?open=${this.showPlaylist} @toggle=${l=>this.showPlaylist=l.target.open}>
                  <summary>${a("playlist")} · ${i}</summary>
                  <ol>
                    ${e.items.map((l,h)=>r`<li class="${h===e.index?"on":""} ${h<e.index?"past":""}" data-slug=${(l.exerciseSlug??"").toLowerCase()}>
                        <button @click=${()=>{e.load(h)}} data-testid="clip-${h}">
                          <span class="pl-icon" aria-hidden="true">${h===e.index?$("play",16):h<e.index?$("check",16):U(l.kind)}</span>
                          <span class="pl-title">${l.title||y("kind_"+l.kind,l.kind)}</span>
                          <span class="pl-dur">${P(l.durationSeconds)}</span>
                        </button>
                      </li>`)}
                  </ol>
                </details>`:r`<div class="alert alert-info">${this.notice?"":a("playlistEmpty")}</div>`}
        </div>
        ${o?n:this.coachPanel(t)}
      </div>
    </section>`}completeForm(t){const e=this.errs("perceivedEffort"),s=this.errs("notes");return r`<form class="card form complete-form" novalidate @submit=${i=>this.complete(i)} data-testid="complete-form">
      <h2>${a("completeTitle")}</h2>
      <p class="muted">${a("completeLead")}</p>
      ${t.exercises.length?r`<div class="log-rows">${t.exercises.map((i,o)=>this.logRow(i,o))}</div>`:n}
      <div class="field ${e.length?"has-error":""}" data-field="perceivedEffort">
        <span class="label" id="effort-label">${a("effort")}</span>
        <div class="effort" role="radiogroup" aria-labelledby="effort-label">
          ${Array.from({length:10},(i,o)=>o+1).map(i=>r`<button
              type="button"
              role="radio"
              aria-checked=${this.effort===i}
              class="e${i} ${this.effort===i?"on":""}"
              @click=${()=>{this.effort=i,this.persist(),this.errors.delete("perceivedEffort"),p()}}
              data-testid="effort-${i}"
            >
              ${i}
            </button>`)}
        </div>
        <div class="effort-scale muted small"><span>${a("effortLow")}</span><span>${a("effortHigh")}</span></div>
        ${e.map(i=>r`<p class="field-error" role="alert" data-testid="error-perceivedEffort">${i}</p>`)}
      </div>
      <label class="field ${s.length?"has-error":""}">
        <span class="label">${a("workoutNotes")}</span>
        <textarea
          rows="3"
          maxlength="1000"
          placeholder=${a("workoutNotesPlaceholder")}
          .value=${this.notes}
          @input=${i=>{this.notes=i.target.value,this.persist()}}
          data-testid="notes"
        ></textarea>
        ${s.map(i=>r`<p class="field-error" role="alert">${i}</p>`)}
      </label>
      ${this.completeError?r`<div class="alert alert-error" role="alert">${this.completeError}</div>`:n}
      <div class="actions">
        <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.completing} data-testid="complete-workout">
          ${this.completing?r`<span class="spin" aria-hidden="true"></span>${a("completing")}`:r`${$("check",20)} ${a("complete")}`}
        </button>
      </div>
    </form>`}row(t,e){let s=this.rows.get(t);return s||(s=j(e),this.rows.set(t,s)),s}changed(){this.persist(),p()}setInput(t,e,s,i,o){return r`<label class="set-cell">
      <span class="set-lbl" aria-hidden="true">${i}</span>
      <input
        type="text"
        aria-label=${a("setField",{n:e,what:i})}
        inputmode="decimal"
        autocomplete="off"
        .value=${t[s]}
        @input=${l=>{t[s]=l.target.value,t.state===""&&ht(t)&&(t.state="done"),this.changed()}}
        data-testid=${o}
      />
    </label>`}logRow(t,e){const s=this.row(e,t),i=this.errs(`exercises.${e}`),o=m(t.exerciseSlug,t.name),l=s.scale==="rir"?a("rirShort"):a("rpeShort"),h=s.scale==="rir"?[0,1,2,3,4,5]:[1,2,3,4,5,6,7,8,9,10],u=t.suggestion;return r`<fieldset class="log-ex ${i.length?"has-error":""}" data-kind=${s.kind} data-slug=${t.exerciseSlug} data-testid="log-row-${e}">
      <legend class="log-name">
        <strong>${o}</strong>
        <span class="muted small">${L(t)}${k(t)?` · ${k(t)}`:""}</span>
      </legend>
      ${this.coachHints(t,e)}
      ${u&&H(u)?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{pt(s,u),this.changed()}} data-testid="use-suggestion-${e}">${a("useSuggestion")}</button>`:n}
      <div class="sets" role="group" aria-label=${a("setsOf",{name:o})}>
        ${s.sets.map((d,g)=>{const f=g+1,R=w=>a("setField",{n:f,what:w});let b;switch(s.kind){case"cardio":b=r`${this.setInput(d,f,"minutes",a("minShort"),`set-min-${e}-${g}`)}${this.setInput(d,f,"km",a("kmShort"),`set-km-${e}-${g}`)}`;break;case"time":case"intervals":b=this.setInput(d,f,"seconds",a("secShort"),`set-sec-${e}-${g}`);break;default:b=r`${this.setInput(d,f,"kg",a("kgShort"),`set-kg-${e}-${g}`)}${this.setInput(d,f,"reps",a("repsShort"),`set-reps-${e}-${g}`)}`}return r`<div class="set-row ${d.state}" data-testid="set-${e}-${g}" data-state=${d.state}>
            <span class="set-n" aria-hidden="true">${f}</span>
            <span class="visually-hidden">${a("setN",{n:f})}</span>
            ${d.state==="skipped"?r`<span class="set-skipped">${a("skipped")}</span>`:b}
            ${d.state==="skipped"?n:r`<label class="set-cell">
                  <span class="set-lbl">${l}</span>
                  <select
                    aria-label=${R(l)}
                    .value=${d.effort}
                    @change=${w=>{d.effort=w.target.value,this.changed()}}
                    data-testid="set-effort-${e}-${g}"
                  >
                    <option value="" ?selected=${d.effort===""}>—</option>
                    ${h.map(w=>r`<option value=${String(w)} ?selected=${d.effort===String(w)}>${w}</option>`)}
                  </select>
                </label>`}
            <span class="set-state">
              <button
                type="button"
                class="set-btn ok"
                aria-pressed=${d.state==="done"}
                aria-label=${a("setDoneN",{n:f})}
                title=${a("setDoneN",{n:f})}
                @click=${()=>{d.state=d.state==="done"?"":"done",this.changed()}}
                data-testid="set-done-${e}-${g}"
              >${$("check",16)}</button>
              <button
                type="button"
                class="set-btn skip"
                aria-pressed=${d.state==="skipped"}
                aria-label=${a("setSkipN",{n:f})}
                title=${a("setSkipN",{n:f})}
                @click=${()=>{d.state=d.state==="skipped"?"":"skipped",this.changed()}}
                data-testid="set-skip-${e}-${g}"
              >✕</button>
            </span>
          </div>`})}
      </div>
      <div class="log-ex-foot">
        ${s.sets.length<ut?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{$t(s),this.changed()}} data-testid="add-set-${e}">+ ${s.kind==="intervals"?a("addRound"):a("addSet")}</button>`:n}
        <label class="pain-toggle">
          <input
            type="checkbox"
            .checked=${s.pain}
            @change=${d=>{s.pain=d.target.checked,s.pain||(s.painNote=""),this.changed()}}
            data-testid="pain-${e}"
          />
          ${a("painToggle")}
        </label>
      </div>
      ${s.pain?r`<label class="field pain-note">
            <span class="label">${a("painNote")}</span>
            <input
              type="text"
              maxlength="300"
              placeholder=${a("painNotePlaceholder")}
              .value=${s.painNote}
              @input=${d=>{s.painNote=d.target.value,this.persist()}}
              data-testid="pain-note-${e}"
            />
          </label>`:n}
      ${i.map(d=>r`<p class="field-error" role="alert">${d}</p>`)}
    </fieldset>`}coachHints(t,e){const s=t.lastTime,i=t.suggestion,o=i?H(i):"";return!s?.summary&&!o?r``:r`<div class="hints">
      ${s?.summary?r`<p class="hint" data-testid="last-time-${e}">
            <span class="hint-k">${a("lastTime")}</span> ${s.summary}${s.pain?r` <span class="badge badge-warn">${a("hurt")}</span>`:n}
          </p>`:n}
      ${o?r`<p class="hint" data-testid="suggestion-${e}">
            <span class="hint-k">${a("suggested")}</span> <strong>${o}</strong>
            <span class="badge badge-soft">${y("action_"+i.action,"")}</span>
            ${i.reason?r`<span class="muted small hint-why">${i.reason}</span>`:n}
          </p>`:n}
    </div>`}loggedSummary(t){const e=(t.log?.exercises??[]).filter(s=>(s.sets??[]).length||s.setsDone||s.pain);return e.length?r`<ul class="logged" data-testid="logged">
      ${e.map(s=>r`<li>
          <strong>${m(s.exerciseSlug,t.exercises.find(i=>i.exerciseSlug===s.exerciseSlug)?.name)}</strong>
          <span>${(s.sets??[]).length?(s.sets??[]).map(ft).join(", "):(s.repsDone??[]).length?s.repsDone.join(", "):F("setsN",s.setsDone)}</span>
          ${s.pain?r`<span class="badge badge-warn" data-testid="logged-pain">${a("hurt")}${s.painNote?`: ${s.painNote}`:""}</span>`:n}
        </li>`)}
    </ul>`:r``}completedCard(t){const e=t.log;return r`<div class="card completed ${this.justCompleted?"pop":""}" role="status" data-testid="completed">
      <div class="completed-icon">${$("check",26)}</div>
      <div class="completed-body">
        <h2>${this.justCompleted?a("completedTitle"):a("completedBadge")}</h2>
        <p class="muted">
          ${this.justCompleted?a("completedLead"):""}
          ${e.completeTime?a("completedOn",{d:rt(e.completeTime)}):""}
        </p>
        ${this.queued&&A(this.planId,this.week,this.day)?r`<div class="alert alert-warn" role="status" data-testid="queued">${a("queued")}</div>`:n}
        ${this.adapting?r`<div class="alert alert-info" role="status" data-testid="adapting">
              ${a("adaptingNext",{n:this.week+1})}
              <a href="/plans/${encodeURIComponent(this.planId)}?week=${this.week+1}&changes=1" data-nav data-testid="see-changes">${a("seeChanges")}</a>
            </div>`:n}
        ${this.loggedSummary(t)}
        ${e.notes?r`<p class="log-notes">${a("quoted",{s:e.notes})}</p>`:n}
        <div class="meta-row">
          <span class="badge badge-done" data-testid="completed-effort">${a("effortValue",{n:e.perceivedEffort})}</span>
          <button class="btn btn-ghost btn-sm" @click=${()=>this.editLog()} data-testid="edit-log">
            ${a("editLog")}
          </button>
        </div>
      </div>
    </div>`}render(){if(this.error)return Dt(this.error)?r`<div class="card empty" data-testid="not-found"><h1>${a("notFound")}</h1><p class="muted">${a("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${a("home")}</a></div>`:D(this.error,()=>{this.load()});const t=this.workout;if(!t)return O();const e=t.isRestDay?!1:this.completed?this.editing:!!this.player||this.resumed||this.logging;return r`
      ${this.header(t)}
      ${this.completed&&!this.editing?this.completedCard(t):n}
      ${this.resumed&&!this.player&&!this.completed?r`<div class="alert alert-info" role="status" data-testid="resumed">${a("resumed")}</div>`:n}
      ${this.player?this.session(t):n}
      ${this.exerciseTable(t)}
      ${e?this.completeForm(t):n}
    `}destroy(){window.removeEventListener("beforeunload",this.onBeforeUnload),this.stopRest(),this.player?.destroy(),this.player=null}}export{Nt as DayView};
